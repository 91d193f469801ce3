package dev.runtimeslicer.model.slice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Online log template mining in the manner of Drain (He et al., ICWS 2017), for one service, with a
 * hard bound on the number of templates.
 *
 * <p>Written here rather than taken from a library: the maintained Drain implementation is the
 * Python Drain3, and no maintained Java one exists on Maven Central. Messages are grouped by token
 * count and first token (Drain's fixed-depth tree of depth 3), then joined to the most similar
 * template in the group when at least {@link #SIMILARITY_THRESHOLD} of the positions agree;
 * disagreeing positions become wildcards. When the bound is reached, messages that match nothing go
 * to {@link #OVERFLOW} and are counted, so memory never grows with log variety.
 */
public final class LogTemplateMiner {

  /** Template id of messages that could not get a template because the bound was reached. */
  public static final int OVERFLOW = -1;

  /** Text reported for {@link #OVERFLOW}. */
  public static final String OVERFLOW_TEMPLATE = "<overflow>";

  static final double SIMILARITY_THRESHOLD = 0.5;
  private static final String EMPTY_GROUP = "";

  /** One learned template. */
  static final class Template {
    final int id;
    final String[] tokens;

    Template(int id, String[] tokens) {
      this.id = id;
      this.tokens = tokens;
    }

    String text() {
      return String.join(" ", tokens);
    }
  }

  private final int maxTemplates;
  private final List<Template> templates = new ArrayList<>();
  private final Map<String, List<Template>> groups = new HashMap<>();

  public LogTemplateMiner(int maxTemplates) {
    this.maxTemplates = maxTemplates;
  }

  /** Id of the template {@code tokens} belong to, learning or widening one as needed. */
  public int match(List<String> tokens) {
    String key = groupKey(tokens);
    List<Template> group = groups.getOrDefault(key, List.of());
    Template best = null;
    double bestSimilarity = -1;
    for (Template template : group) {
      double similarity = similarity(template.tokens, tokens);
      if (similarity > bestSimilarity) {
        best = template;
        bestSimilarity = similarity;
      }
    }
    if (best != null && bestSimilarity >= SIMILARITY_THRESHOLD) {
      widen(best, tokens);
      return best.id;
    }
    if (templates.size() >= maxTemplates) {
      return OVERFLOW;
    }
    Template created = new Template(templates.size(), tokens.toArray(String[]::new));
    templates.add(created);
    // a group is made only with its first template, so lines past the limit add nothing
    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(created);
    return created.id;
  }

  /** Current text of template {@code id}; wildcards stand for the variable parts. */
  public String template(int id) {
    return id >= 0 && id < templates.size() ? templates.get(id).text() : OVERFLOW_TEMPLATE;
  }

  /** Number of templates learned so far. */
  public int size() {
    return templates.size();
  }

  List<Template> templates() {
    return templates;
  }

  int maxTemplates() {
    return maxTemplates;
  }

  /** Number of template groups (by token count and first token). */
  int groupCount() {
    return groups.size();
  }

  /** Re-creates a miner from its templates, in id order (for state restore). */
  static LogTemplateMiner restore(int maxTemplates, List<String[]> templateTokens) {
    LogTemplateMiner miner = new LogTemplateMiner(maxTemplates);
    for (String[] tokens : templateTokens) {
      Template template = new Template(miner.templates.size(), tokens);
      miner.templates.add(template);
      miner.groups.computeIfAbsent(groupKey(List.of(tokens)), k -> new ArrayList<>()).add(template);
    }
    return miner;
  }

  private static String groupKey(List<String> tokens) {
    if (tokens.isEmpty()) {
      return EMPTY_GROUP;
    }
    return tokens.size() + " " + tokens.get(0);
  }

  private static double similarity(String[] template, List<String> tokens) {
    int same = 0;
    for (int i = 0; i < template.length; i++) {
      String token = template[i];
      if (token.equals(tokens.get(i)) || token.equals(LogMessageNormalizer.WILDCARD)) {
        same++;
      }
    }
    return template.length == 0 ? 1.0 : (double) same / template.length;
  }

  private static void widen(Template template, List<String> tokens) {
    for (int i = 0; i < template.tokens.length; i++) {
      if (!template.tokens[i].equals(tokens.get(i))) {
        template.tokens[i] = LogMessageNormalizer.WILDCARD;
      }
    }
  }
}
