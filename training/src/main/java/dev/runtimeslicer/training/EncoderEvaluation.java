package dev.runtimeslicer.training;

import ai.djl.ndarray.NDManager;
import dev.runtimeslicer.model.embedding.EncodedBatch;
import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the encoder on held-out windows (the latest share of each system's time, never
 * shuffled): (a) cross-modal retrieval top-1 among {@value EmbeddingMetrics#CANDIDATES} candidates,
 * (b) AUROC of normal vs faulty windows scored by distance to the nearest normal training window,
 * against an untrained encoder and raw features + PCA, (c) ablations without temporal and without
 * cross-modal loss, (d) per service: AUROC of the root cause's deviation from its own normal and
 * root-cause top-1/top-3 when ranking a faulty window's services by deviation ({@link
 * ServiceDeviation}), against the same on raw service tokens, (e) a linear probe's retrieval
 * ({@link RetrievalProbe}): how much of the traces and logs the metric tokens predict at all. All
 * variants see the same windows, split and featurization.
 */
public final class EncoderEvaluation {

  private static final int BATCH = 64;

  /** Normal training windows used as the reference set (every k-th), to bound the k-NN cost. */
  private static final int MAX_REFERENCES = 3000;

  /** Normal training windows per system that per-service deviations are measured against. */
  private static final int MAX_SERVICE_REFERENCES = 1000;

  /** Variant names for {@code --variants}, in run order. */
  static final List<String> VARIANTS =
      List.of("full", "untrained", "no-temporal", "no-cross-modal", "raw", "probe");

  /** Numbers of one encoder variant (NaN where not applicable). */
  public record VariantResult(
      String name,
      double metricToTrace,
      double metricToLog,
      double auroc,
      double serviceAuroc,
      double rootCauseTop1,
      double rootCauseTop3,
      double trainSeconds) {}

  /** All variants, in the order they were run. */
  public record Report(
      int trainWindows, int testWindows, int faultyTestWindows, List<VariantResult> variants) {

    public String table() {
      StringBuilder out =
          new StringBuilder(
              String.format(
                  "held-out windows %d (%d faulty), training windows %d%n%-22s %14s %14s %8s %12s"
                      + " %8s %8s %9s%n",
                  testWindows,
                  faultyTestWindows,
                  trainWindows,
                  "variant",
                  "metric->trace",
                  "metric->log",
                  "AUROC",
                  "service AUROC",
                  "RC top1",
                  "RC top3",
                  "train s"));
      for (VariantResult v : variants) {
        out.append(
            String.format(
                "%-22s %14.3f %14.3f %8.3f %12.3f %8.3f %8.3f %9.1f%n",
                v.name(),
                v.metricToTrace(),
                v.metricToLog(),
                v.auroc(),
                v.serviceAuroc(),
                v.rootCauseTop1(),
                v.rootCauseTop3(),
                v.trainSeconds()));
      }
      return out.toString();
    }
  }

  /**
   * What {@link #scoreBundle} measures of a trained bundle on windows it never trained on:
   * retrieval by runtime condition from metrics to traces and to logs ({@link ConditionRetrieval}).
   */
  record BundleScore(
      int windows,
      int conditions,
      ConditionRetrieval.Result toTrace,
      ConditionRetrieval.Result toLog) {

    public String table() {
      StringBuilder out =
          new StringBuilder(
              String.format(
                  "%d windows in %d runtime conditions (system x fault type in progress or normal"
                      + " at low/high load)%n%-16s %22s %9s %24s%n",
                  windows,
                  conditions,
                  "retrieval",
                  "same condition, top-1",
                  "queries",
                  "own window, median rank"));
      row(out, "metric->trace", toTrace);
      row(out, "metric->log", toLog);
      return out.toString();
    }

    private static void row(StringBuilder out, String name, ConditionRetrieval.Result r) {
      out.append(
          String.format(
              "%-16s %22.3f %9d %21.1f/%d%n",
              name, r.top1(), r.queries(), r.ownMedianRank(), EmbeddingMetrics.CANDIDATES));
    }
  }

  /**
   * Scores the bundle in {@code bundle} as it is (no training) on the slices in {@code slices},
   * featurized with the bundle's own schema.
   */
  static BundleScore scoreBundle(Path bundle, List<Path> slices, FaultWindows faults)
      throws IOException {
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      List<Window> raw = TrainingWindows.readRaw(slices, encoder.bundle().schema());
      List<String> conditions = RuntimeConditions.of(raw, faults);
      Embedded embedded = embed(encoder, raw);
      float[][] metrics = embedded.modalities[Modality.METRICS.ordinal()];
      return new BundleScore(
          raw.size(),
          (int) conditions.stream().distinct().count(),
          ConditionRetrieval.measure(
              raw, conditions, metrics, embedded.modalities[Modality.TRACES.ordinal()]),
          ConditionRetrieval.measure(
              raw, conditions, metrics, embedded.modalities[Modality.LOGS.ordinal()]));
    }
  }

  /** Trains every variant on the earlier windows and scores it on the later ones. */
  public static Report run(
      List<Window> raw,
      FaultWindows faults,
      TrainingSettings config,
      double heldOutShare,
      Path work,
      PrintStream progress)
      throws IOException {
    return run(raw, faults, config, heldOutShare, work, VARIANTS, progress);
  }

  /**
   * Like {@link #run(List, FaultWindows, TrainingSettings, double, Path, PrintStream)}, for the
   * named variants only.
   */
  public static Report run(
      List<Window> raw,
      FaultWindows faults,
      TrainingSettings config,
      double heldOutShare,
      Path work,
      List<String> selected,
      PrintStream progress)
      throws IOException {
    for (String name : selected) {
      if (!VARIANTS.contains(name)) {
        throw new IllegalArgumentException("unknown variant " + name + "; known: " + VARIANTS);
      }
    }
    TimeSplit split = TimeSplit.of(raw, heldOutShare);
    List<Window> train = BatchSampler.grouped(split.earlier());
    List<Window> test = BatchSampler.grouped(split.later());
    List<Window> normalTrain = new ArrayList<>();
    for (Window window : train) {
      if (!faults.faulty(window)) {
        normalTrain.add(window);
      }
    }
    List<Window> serviceReferences = new ArrayList<>();
    for (List<Window> system : TimeSplit.bySystem(normalTrain).values()) {
      serviceReferences.addAll(everyKth(system, MAX_SERVICE_REFERENCES));
    }
    normalTrain = everyKth(normalTrain, MAX_REFERENCES);
    boolean[] faulty = new boolean[test.size()];
    int faultyCount = 0;
    for (int i = 0; i < test.size(); i++) {
      faulty[i] = faults.faulty(test.get(i));
      faultyCount += faulty[i] ? 1 : 0;
    }
    Map<String, TrainingSettings> variants = new LinkedHashMap<>();
    variants.put("full", config);
    variants.put("untrained", config.toBuilder().epochs(0).build());
    variants.put("no-temporal", config.toBuilder().temporalWeight(0).build());
    variants.put("no-cross-modal", config.toBuilder().crossModalWeight(0).build());
    List<VariantResult> results = new ArrayList<>();
    for (Map.Entry<String, TrainingSettings> variant : variants.entrySet()) {
      if (!selected.contains(variant.getKey())) {
        continue;
      }
      progress.printf("== %s%n", LABELS.get(variant.getKey()));
      Path bundle = work.resolve(variant.getKey());
      BundleTraining.Outcome outcome =
          BundleTraining.run(train, bundle, variant.getValue(), progress);
      try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
        Embedded testEmbedded = embed(encoder, test);
        Embedded referenceEmbedded = embed(encoder, normalTrain);
        double toTrace = retrieval(test, testEmbedded, Modality.METRICS, Modality.TRACES);
        double toLog = retrieval(test, testEmbedded, Modality.METRICS, Modality.LOGS);
        double auroc =
            EmbeddingMetrics.auroc(
                EmbeddingMetrics.nearestDistances(testEmbedded.system, referenceEmbedded.system),
                faulty);
        ServiceDeviation.Measures services =
            ServiceDeviation.evaluate(
                test,
                testEmbedded.services,
                serviceReferences,
                embed(encoder, serviceReferences).services,
                faults,
                ServiceDeviation.COSINE);
        results.add(
            new VariantResult(
                LABELS.get(variant.getKey()),
                toTrace,
                toLog,
                auroc,
                services.auroc(),
                services.top1(),
                services.top3(),
                outcome.result().seconds()));
        progress.print(new Report(train.size(), test.size(), faultyCount, results).table());
      }
    }
    // Statistics from the training windows only, as a bundle learns them.
    SliceFeaturizer featurizer =
        selected.contains("raw") || selected.contains("probe")
            ? new SliceFeaturizer(config.schema(), TrainingWindows.learn(train, config.schema()))
            : null;
    if (selected.contains("raw")) {
      ServiceDeviation.Measures services =
          ServiceDeviation.evaluate(
              test,
              rawServiceTokens(featurizer, test),
              serviceReferences,
              rawServiceTokens(featurizer, serviceReferences),
              faults,
              ServiceDeviation.EUCLIDEAN);
      results.add(
          new VariantResult(
              LABELS.get("raw"),
              Double.NaN,
              Double.NaN,
              pcaAuroc(featurizer, test, normalTrain, faulty, config.dimensions().embedding()),
              services.auroc(),
              services.top1(),
              services.top3(),
              0));
    }
    if (selected.contains("probe")) {
      try (NDManager manager = EncoderTrainer.engine(config.seed()).newBaseManager()) {
        RetrievalProbe probe = new RetrievalProbe(featurizer, manager);
        results.add(
            new VariantResult(
                LABELS.get("probe"),
                probe.retrieval(train, test, Modality.METRICS, Modality.TRACES),
                probe.retrieval(train, test, Modality.METRICS, Modality.LOGS),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0));
      }
    }
    return new Report(train.size(), test.size(), faultyCount, List.copyOf(results));
  }

  private static final Map<String, String> LABELS =
      Map.of(
          "full",
          "trained (full loss)",
          "untrained",
          "untrained encoder",
          "no-temporal",
          "no temporal loss",
          "no-cross-modal",
          "no cross-modal loss",
          "raw",
          "raw features (+PCA)",
          "probe",
          "linear probe (ridge)");

  /**
   * Per window and service: its scaled tokens of all modalities side by side (zeros where absent).
   */
  static List<Map<String, float[]>> rawServiceTokens(
      SliceFeaturizer featurizer, List<Window> windows) {
    List<Map<String, float[]>> rows = new ArrayList<>(windows.size());
    for (Window window : windows) {
      FeatureBatch batch = featurizer.normalize(window.features());
      int total = 0;
      for (Modality modality : Modality.values()) {
        total += batch.width(modality);
      }
      Map<String, float[]> services = new LinkedHashMap<>();
      List<String> names = batch.serviceNames(0);
      for (int slot = 0; slot < names.size(); slot++) {
        float[] vector = new float[total];
        int offset = 0;
        for (Modality modality : Modality.values()) {
          int width = batch.width(modality);
          if (batch.mask(modality)[slot] != 0f) {
            System.arraycopy(batch.tokens(modality), slot * width, vector, offset, width);
          }
          offset += width;
        }
        services.put(names.get(slot), vector);
      }
      rows.add(services);
    }
    return rows;
  }

  /**
   * Share of windows whose {@code target} embedding is the most similar, to their {@code query}
   * embedding, among their own and up to 63 other windows of the same system that do not overlap
   * them (overlapping windows share most of their telemetry and are not wrong answers).
   */
  private static double retrieval(
      List<Window> windows, Embedded embedded, Modality query, Modality target) {
    return EmbeddingMetrics.retrieval(
        windows,
        embedded.modalities[query.ordinal()],
        embedded.modalities[target.ordinal()],
        EmbeddingMetrics::dot);
  }

  /**
   * Embeddings of windows: system [n][d], per modality [n][d] (null where absent), per service by
   * name.
   */
  private record Embedded(
      float[][] system, float[][][] modalities, List<Map<String, float[]>> services) {}

  private static Embedded embed(SliceEncoder encoder, List<Window> windows) {
    int n = windows.size();
    float[][] system = new float[n][];
    float[][][] modalities = new float[Modality.values().length][n][];
    List<Map<String, float[]>> services = new ArrayList<>(n);
    for (int start = 0; start < n; start += BATCH) {
      List<FeatureBatch> parts = new ArrayList<>();
      for (int i = start; i < Math.min(n, start + BATCH); i++) {
        parts.add(encoder.featurizer().normalize(windows.get(i).features()));
      }
      FeatureBatch batch = FeatureBatch.stack(parts);
      EncodedBatch encoded = encoder.encode(batch);
      for (int k = 0; k < batch.size(); k++) {
        system[start + k] = encoded.system(k);
        Map<String, float[]> byName = new LinkedHashMap<>();
        List<String> names = batch.serviceNames(k);
        for (int slot = 0; slot < names.size(); slot++) {
          byName.put(names.get(slot), encoded.service(k, slot));
        }
        services.add(byName);
        for (Modality modality : Modality.values()) {
          if (batch.hasModality(k, modality)) {
            modalities[modality.ordinal()][start + k] = encoded.modality(k, modality);
          }
        }
      }
    }
    return new Embedded(system, modalities, services);
  }

  /**
   * AUROC of Euclidean distance to the nearest normal window in PCA space of pooled raw features.
   */
  private static double pcaAuroc(
      SliceFeaturizer featurizer,
      List<Window> test,
      List<Window> normalTrain,
      boolean[] faulty,
      int components) {
    float[][] reference = EmbeddingMetrics.pooled(featurizer, normalTrain);
    Pca pca = Pca.fit(reference, components);
    float[][] projectedReference = new float[reference.length][];
    for (int i = 0; i < reference.length; i++) {
      projectedReference[i] = pca.project(reference[i]);
    }
    float[][] queries = EmbeddingMetrics.pooled(featurizer, test);
    double[] scores = new double[queries.length];
    for (int i = 0; i < queries.length; i++) {
      float[] q = pca.project(queries[i]);
      double best = Double.POSITIVE_INFINITY;
      for (float[] r : projectedReference) {
        double sum = 0;
        for (int k = 0; k < q.length; k++) {
          double diff = q[k] - r[k];
          sum += diff * diff;
        }
        best = Math.min(best, sum);
      }
      scores[i] = best;
    }
    return EmbeddingMetrics.auroc(scores, faulty);
  }

  private static List<Window> everyKth(List<Window> windows, int most) {
    if (windows.size() <= most) {
      return windows;
    }
    int step = (windows.size() + most - 1) / most;
    List<Window> kept = new ArrayList<>();
    for (int i = 0; i < windows.size(); i += step) {
      kept.add(windows.get(i));
    }
    return kept;
  }
}
