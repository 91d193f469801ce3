package dev.runtimeslicer.model.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import dev.runtimeslicer.model.embedding.InvalidBundleException;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.state.RuntimeStates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code tune} adds to a model bundle: the runtime states and the state-conditioned task
 * heads (anomaly profiles per state with a global fallback, detection policy, localization ranker,
 * evidence normals, and the {@link TaskHead}s that answer about diagnosed windows, such as triage).
 * Stored as heads.json beside the encoder, bound to that encoder by its checksum, so heads tuned on
 * another encoder's embeddings are refused.
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written
 * @param encoderSha256 SHA-256 of the encoder.onnx whose embeddings the heads were fitted on
 * @param states runtime states
 * @param profiles per state its profile, or null where the state had too few windows
 * @param global profile over all normal windows, used where a state has none
 * @param policy how scores become alerts
 * @param adaptation how scores follow slow change (recent normals), or null for none
 * @param tasks heads that answer about each diagnosed window (failure-type triage, ...), by unique
 *     name; empty without labeled incidents
 * @param ranker supervised root-cause ranker, or null (rank by deviation)
 * @param evidence normals of plain features for alert evidence and symptoms
 * @param symptoms normal scales of every service's symptom severity
 * @param alertTails per system, how often its normal telemetry would fire at a given score; the
 *     system's firing score is the lowest its alert budget allows ({@link #fireScore})
 * @param pooledAlertTail all systems' normal telemetry pooled: the firing score of a system that
 *     tuning never saw; null when tuning fitted none
 * @param report what tuning measured (for people; not read back)
 */
public record StateAwareHeads(
    int formatVersion,
    String encoderSha256,
    RuntimeStates states,
    List<StateProfile> profiles,
    StateProfile global,
    DetectionPolicy policy,
    Adaptation adaptation,
    List<TaskHead> tasks,
    LocalizationRanker ranker,
    FeatureNormals evidence,
    SymptomScales symptoms,
    Map<String, AlertTail> alertTails,
    AlertTail pooledAlertTail,
    Map<String, Object> report) {

  public static final int FORMAT_VERSION = 10;
  public static final String FILE = "heads.json";
  public static final String CHECKSUM_FILE = "heads.sha256";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          // Task heads are stored by class name: only this project's classes may be named.
          .setPolymorphicTypeValidator(
              BasicPolymorphicTypeValidator.builder().allowIfSubType("dev.runtimeslicer.").build());

  public StateAwareHeads {
    if (profiles.size() != states.count()) {
      throw new IllegalArgumentException(
          states.count() + " states need as many profiles, got " + profiles.size());
    }
    profiles = java.util.Collections.unmodifiableList(new ArrayList<>(profiles));
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    Set<String> names = new HashSet<>();
    for (TaskHead task : tasks) {
      if (!names.add(task.name())) {
        throw new IllegalArgumentException("two task heads are named " + task.name());
      }
    }
    alertTails = alertTails == null ? Map.of() : Map.copyOf(alertTails);
  }

  /**
   * The score at or above which a window of {@code system} in {@code profile}'s state is anomalous:
   * the lowest that keeps the system's normal telemetry within the policy's alert budget (never
   * below the resolving score), from its own tail, else the pooled one, else the profile's score.
   */
  public double fireScore(String system, StateProfile profile) {
    AlertTail tail = alertTails.getOrDefault(system, pooledAlertTail);
    if (tail == null) {
      return profile.fireScore();
    }
    return tail.fireScore(policy.alertBudgetPerDay(), AlertTail.nines(policy.resolveScore()));
  }

  /**
   * {@link #fireScore(String, StateProfile)} joined with the system's {@code live} tail once it is
   * warm: their firing scores in nines, weighed by the days of normal telemetry behind each (a
   * system tuning never saw has none behind the pooled tail, so its own live tail alone sets it).
   */
  public double fireScore(
      String system, StateProfile profile, LiveAlertTail live, LiveAlertTailSettings settings) {
    double tuned = fireScore(system, profile);
    if (live == null) {
      return tuned;
    }
    AlertTail own = alertTails.get(system);
    return AlertTail.score(
        live.joinedFireNines(AlertTail.nines(tuned), own == null ? 0 : own.normalDays(), settings));
  }

  /** True when tuning saw {@code system}'s normal telemetry (it has its own alert tail). */
  public boolean tunedOn(String system) {
    return alertTails.containsKey(system);
  }

  /** These heads with another alert budget (false alerts a day per system). */
  public StateAwareHeads withAlertBudget(double perDay) {
    return new StateAwareHeads(
        formatVersion,
        encoderSha256,
        states,
        profiles,
        global,
        policy.withAlertBudget(perDay),
        adaptation,
        tasks,
        ranker,
        evidence,
        symptoms,
        alertTails,
        pooledAlertTail,
        report);
  }

  /** The task head named {@code name}, or null when these heads have none. */
  public TaskHead task(String name) {
    for (TaskHead task : tasks) {
      if (task.name().equals(name)) {
        return task;
      }
    }
    return null;
  }

  /** The profile of {@code state}, or the global one when the state has none. */
  public StateProfile profile(int state) {
    StateProfile profile = profiles.get(state);
    return profile == null ? global : profile;
  }

  /** Writes heads.json and its checksum into the bundle directory, replacing earlier heads. */
  public void write(Path bundleDirectory) throws IOException {
    byte[] content = JSON.writeValueAsBytes(this);
    Files.deleteIfExists(bundleDirectory.resolve(CHECKSUM_FILE));
    Files.write(bundleDirectory.resolve(FILE), content);
    Files.writeString(
        bundleDirectory.resolve(CHECKSUM_FILE),
        ModelBundle.sha256(content),
        StandardCharsets.US_ASCII);
  }

  /** True when the bundle has heads (it may not have been tuned yet). */
  public static boolean present(ModelBundle bundle) {
    return Files.exists(bundle.directory().resolve(FILE));
  }

  /**
   * Reads and validates the heads of {@code bundle}.
   *
   * @throws InvalidBundleException when they are missing, corrupt, of another format, or fitted on
   *     another encoder
   */
  public static StateAwareHeads load(ModelBundle bundle) {
    Path directory = bundle.directory();
    byte[] content;
    String expected;
    byte[] encoder;
    try {
      content = Files.readAllBytes(directory.resolve(FILE));
      expected =
          Files.readString(directory.resolve(CHECKSUM_FILE), StandardCharsets.US_ASCII).trim();
      encoder = Files.readAllBytes(bundle.encoderFile());
    } catch (NoSuchFileException e) {
      throw new InvalidBundleException(
          "model bundle "
              + directory
              + " has no task heads ("
              + e.getFile()
              + " is missing): run 'runtimeslicer tune --bundle "
              + directory
              + " --slices DIR' first",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the task heads of " + directory, e);
    }
    if (!ModelBundle.sha256(content).equals(expected)) {
      throw new InvalidBundleException(
          "model bundle "
              + directory
              + ": "
              + FILE
              + " is corrupt (checksum differs from "
              + CHECKSUM_FILE
              + "); run tune again");
    }
    StateAwareHeads heads;
    try {
      heads = JSON.readValue(content, StateAwareHeads.class);
    } catch (JsonProcessingException e) {
      throw new InvalidBundleException(
          "model bundle "
              + directory
              + ": "
              + FILE
              + " cannot be read ("
              + e.getOriginalMessage()
              + "); run tune again",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (heads.formatVersion() != FORMAT_VERSION) {
      throw new InvalidBundleException(
          "model bundle "
              + directory
              + ": task heads have format version "
              + heads.formatVersion()
              + " but this RuntimeSlicer reads "
              + FORMAT_VERSION
              + "; run tune again");
    }
    if (!ModelBundle.sha256(encoder).equals(heads.encoderSha256())) {
      throw new InvalidBundleException(
          "model bundle "
              + directory
              + ": the task heads were tuned on another encoder"
              + " (the encoder was retrained since); run tune again");
    }
    return heads;
  }
}
