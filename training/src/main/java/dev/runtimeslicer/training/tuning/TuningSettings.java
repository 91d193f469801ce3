package dev.runtimeslicer.training.tuning;

import java.time.Duration;

/**
 * Everything that decides how states and heads are fitted; stored in the heads' report.
 *
 * @param maxStates most runtime states tried by the clustering
 * @param minSilhouette below this best mean silhouette the normal embeddings count as one state
 * @param silhouetteSample windows sampled to compute silhouettes
 * @param minStateWindows a state with fewer normal windows uses the global profile
 * @param referencesPerState normal system embeddings kept per state for k-NN deviation
 * @param neighbors k of the k-NN deviation
 * @param neighborExclusion normal windows this close in time to a calibration window are not its
 *     neighbours, so calibration sees what a window of another day sees (windows overlap)
 * @param calibrationShare latest share of each system's normal windows that calibrates the score
 *     against normals fitted on the earlier windows, so the score knows how far a later window
 *     strays (drift, another time of day) and not only how far a window strays from data it is in
 * @param adaptationHorizon how far back a window's recent normal reaches (see Adaptation); zero: no
 *     recent normals. Off by default: where incidents come often (the Nezha days), the recent
 *     normal learns the subtler incidents and hides the next ones (d75291d)
 * @param adaptationWarmUp how long a recent normal observes before it is used
 * @param tailShare share of normal deviations modelled by the exponential tail
 * @param embeddingWeight share of the embedding deviation in the raw anomaly score, the rest being
 *     the symptom deviation ({@link dev.runtimeslicer.model.task.DetectionMix}); 1: embedding only
 * @param fireScore score at which a window is anomalous where no alert tail could be fitted
 * @param resolveScore score below which a window counts towards resolving
 * @param firingWindows consecutive anomalous windows before an alert fires
 * @param resolvingWindows consecutive calm windows before an alert resolves
 * @param alertBudgetPerDay false alerts a day per system that its normal telemetry may fire; each
 *     system's firing score is fitted to it from its normal windows' scores ({@code
 *     AlertTailFitter}), without labels; detect may change it ({@code alert.budget-per-day})
 * @param alertTailShare latest share of each system's normal training time that no normal and no
 *     calibration is fitted on: its windows, scored as online, fit the alert tail, so the firing
 *     score meets windows it did not learn, as online it will
 * @param bodyScales normal scales (symptom scales, the mix's scales, the score's tail) are capped
 *     at what the body of each normal distribution predicts for its top: failures among unlabeled
 *     training windows, which fill the top, then do not become the normal ({@code
 *     RobustScale#bodyCappedQuantile})
 * @param smoothing span over which every service's window scores are averaged before the largest
 *     makes the window's raw score ({@link dev.runtimeslicer.model.task.RecentScores}); zero: none
 * @param recoveryMargin after a labeled fault ends, windows this long are neither normal nor faulty
 * @param incidentWindows most anomalous windows per labeled incident used by triage and ranking
 * @param triageMinProbability the most cautious probability below which triage answers "unknown";
 *     the threshold itself is fitted up to it on held-out incidents ({@code TriageFitter})
 * @param triageEmbeddingWeight weight of the embedding shift beside the symptoms in triage ({@link
 *     dev.runtimeslicer.model.task.TriageFeatures})
 * @param triageSuspects leading suspects whose symptoms triage pools ({@link
 *     dev.runtimeslicer.model.task.TriageHead})
 * @param seed seed of clustering and sampling
 */
public record TuningSettings(
    int maxStates,
    double minSilhouette,
    int silhouetteSample,
    int minStateWindows,
    int referencesPerState,
    int neighbors,
    Duration neighborExclusion,
    double calibrationShare,
    Duration adaptationHorizon,
    Duration adaptationWarmUp,
    double tailShare,
    double embeddingWeight,
    double fireScore,
    double resolveScore,
    int firingWindows,
    int resolvingWindows,
    double alertBudgetPerDay,
    double alertTailShare,
    boolean bodyScales,
    Duration smoothing,
    Duration recoveryMargin,
    int incidentWindows,
    double triageMinProbability,
    double triageEmbeddingWeight,
    int triageSuspects,
    long seed) {

  public TuningSettings {
    if (smoothing.isNegative()) {
      throw new IllegalArgumentException("smoothing span must not be negative, was " + smoothing);
    }
    if (adaptationHorizon.isNegative()) {
      throw new IllegalArgumentException(
          "adaptation horizon must not be negative, was " + adaptationHorizon);
    }
    if (!(calibrationShare > 0 && calibrationShare < 1)) {
      throw new IllegalArgumentException(
          "calibration share must be in (0, 1), was " + calibrationShare);
    }
    if (!(alertTailShare >= 0 && alertTailShare < 1)) {
      throw new IllegalArgumentException(
          "alert tail share must be in [0, 1), was " + alertTailShare);
    }
    if (!(alertBudgetPerDay > 0)) {
      throw new IllegalArgumentException(
          "alert budget must be above 0 alerts a day, was " + alertBudgetPerDay);
    }
    if (!(embeddingWeight >= 0 && embeddingWeight <= 1)) {
      throw new IllegalArgumentException(
          "embedding weight must be in [0, 1], was " + embeddingWeight);
    }
    if (maxStates < 1
        || neighbors < 1
        || referencesPerState < neighbors
        || minStateWindows < 1
        || incidentWindows < 1
        || silhouetteSample < 2
        || triageSuspects < 1
        || !(triageEmbeddingWeight >= 0)) {
      throw new IllegalArgumentException("tuning settings out of range: " + this);
    }
  }

  /**
   * Default share of the embedding deviation: on the three simulated systems and the Nezha days
   * (docs/evaluation.md, "How the method got here") the mix at 0.3 detected more faults at fewer
   * false alerts than the embedding deviation alone on three of the four, and about as well on the
   * fourth.
   */
  public static final double DEFAULT_EMBEDDING_WEIGHT = 0.3;

  /**
   * Default weight of the embedding shift in triage: in leave-one-incident-out triage on the
   * training halves of the three simulated systems (docs/evaluation.md, c5dd442) the symptoms alone
   * and with the shift at a quarter did about equally, at full weight clearly worse.
   */
  public static final double DEFAULT_TRIAGE_EMBEDDING_WEIGHT = 0.25;

  /**
   * Default leading suspects whose symptoms triage pools: with 3, 4 or 5 leave-one-incident-out
   * triage on the training halves of three simulated systems and Nezha was within a few hundredths.
   */
  public static final int DEFAULT_TRIAGE_SUSPECTS = 3;

  /**
   * Default smoothing span: one window length of the default slicing (60 s), six windows at a 10 s
   * slide. Of 30, 40, 60 and 120 s, 60 and 120 s separated faults from normal windows best on the
   * window scores of earlier evaluation runs; 60 s for its shorter delay (docs/evaluation.md,
   * 671d8e1).
   */
  public static final Duration DEFAULT_SMOOTHING = Duration.ofMinutes(1);

  /** Default alert budget: one false alert a day per system, as the quality targets ask. */
  public static final double DEFAULT_ALERT_BUDGET_PER_DAY = 1.0;

  /**
   * Default share of normal training time kept back for the alert tail: a quarter, so a day of
   * training leaves six hours of windows scored as online (hundreds of excursions at the tail's
   * base).
   */
  public static final double DEFAULT_ALERT_TAIL_SHARE = 0.25;

  /**
   * Default consecutive anomalous windows before an alert fires: three, as two consecutive windows
   * share five sixths of their data at the default slicing (W/S = 6), so a second adds little
   * evidence.
   */
  public static final int DEFAULT_FIRING_WINDOWS = 3;

  /** Defaults that work for windows of 60 s every 10 s. */
  public static TuningSettings defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.maxStates = maxStates;
    builder.minSilhouette = minSilhouette;
    builder.silhouetteSample = silhouetteSample;
    builder.minStateWindows = minStateWindows;
    builder.referencesPerState = referencesPerState;
    builder.neighbors = neighbors;
    builder.neighborExclusion = neighborExclusion;
    builder.calibrationShare = calibrationShare;
    builder.adaptationHorizon = adaptationHorizon;
    builder.adaptationWarmUp = adaptationWarmUp;
    builder.tailShare = tailShare;
    builder.embeddingWeight = embeddingWeight;
    builder.fireScore = fireScore;
    builder.resolveScore = resolveScore;
    builder.firingWindows = firingWindows;
    builder.resolvingWindows = resolvingWindows;
    builder.alertBudgetPerDay = alertBudgetPerDay;
    builder.alertTailShare = alertTailShare;
    builder.bodyScales = bodyScales;
    builder.smoothing = smoothing;
    builder.recoveryMargin = recoveryMargin;
    builder.incidentWindows = incidentWindows;
    builder.triageMinProbability = triageMinProbability;
    builder.triageEmbeddingWeight = triageEmbeddingWeight;
    builder.triageSuspects = triageSuspects;
    builder.seed = seed;
    return builder;
  }

  /**
   * Settings changed one by one from the defaults (or from other settings); {@link #build()} checks
   * them.
   */
  public static final class Builder {
    private int maxStates = 8;
    private double minSilhouette = 0.25;
    private int silhouetteSample = 1500;
    private int minStateWindows = 120;
    private int referencesPerState = 600;
    private int neighbors = 5;
    private Duration neighborExclusion = Duration.ofMinutes(10);
    private double calibrationShare = 0.3;
    private Duration adaptationHorizon = Duration.ZERO;
    private Duration adaptationWarmUp = Duration.ofMinutes(5);
    private double tailShare = 0.1;
    private double embeddingWeight = DEFAULT_EMBEDDING_WEIGHT;
    private double fireScore = 0.999;
    private double resolveScore = 0.99;
    private int firingWindows = DEFAULT_FIRING_WINDOWS;
    private int resolvingWindows = 3;
    private double alertBudgetPerDay = DEFAULT_ALERT_BUDGET_PER_DAY;
    private double alertTailShare = DEFAULT_ALERT_TAIL_SHARE;
    private boolean bodyScales = true;
    private Duration smoothing = DEFAULT_SMOOTHING;
    private Duration recoveryMargin = Duration.ofMinutes(5);
    private int incidentWindows = 8;
    private double triageMinProbability = 0.5;
    private double triageEmbeddingWeight = DEFAULT_TRIAGE_EMBEDDING_WEIGHT;
    private int triageSuspects = DEFAULT_TRIAGE_SUSPECTS;
    private long seed = 42;

    private Builder() {}

    public Builder maxStates(int value) {
      maxStates = value;
      return this;
    }

    public Builder minSilhouette(double value) {
      minSilhouette = value;
      return this;
    }

    public Builder silhouetteSample(int value) {
      silhouetteSample = value;
      return this;
    }

    public Builder minStateWindows(int value) {
      minStateWindows = value;
      return this;
    }

    public Builder referencesPerState(int value) {
      referencesPerState = value;
      return this;
    }

    public Builder neighbors(int value) {
      neighbors = value;
      return this;
    }

    public Builder neighborExclusion(Duration value) {
      neighborExclusion = value;
      return this;
    }

    public Builder calibrationShare(double value) {
      calibrationShare = value;
      return this;
    }

    public Builder adaptationHorizon(Duration value) {
      adaptationHorizon = value;
      return this;
    }

    public Builder adaptationWarmUp(Duration value) {
      adaptationWarmUp = value;
      return this;
    }

    public Builder tailShare(double value) {
      tailShare = value;
      return this;
    }

    public Builder embeddingWeight(double value) {
      embeddingWeight = value;
      return this;
    }

    public Builder fireScore(double value) {
      fireScore = value;
      return this;
    }

    public Builder resolveScore(double value) {
      resolveScore = value;
      return this;
    }

    public Builder firingWindows(int value) {
      firingWindows = value;
      return this;
    }

    public Builder resolvingWindows(int value) {
      resolvingWindows = value;
      return this;
    }

    public Builder alertBudgetPerDay(double value) {
      alertBudgetPerDay = value;
      return this;
    }

    public Builder alertTailShare(double value) {
      alertTailShare = value;
      return this;
    }

    public Builder bodyScales(boolean value) {
      bodyScales = value;
      return this;
    }

    public Builder smoothing(Duration value) {
      smoothing = value;
      return this;
    }

    public Builder recoveryMargin(Duration value) {
      recoveryMargin = value;
      return this;
    }

    public Builder incidentWindows(int value) {
      incidentWindows = value;
      return this;
    }

    public Builder triageMinProbability(double value) {
      triageMinProbability = value;
      return this;
    }

    public Builder triageEmbeddingWeight(double value) {
      triageEmbeddingWeight = value;
      return this;
    }

    public Builder triageSuspects(int value) {
      triageSuspects = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public TuningSettings build() {
      return new TuningSettings(
          maxStates,
          minSilhouette,
          silhouetteSample,
          minStateWindows,
          referencesPerState,
          neighbors,
          neighborExclusion,
          calibrationShare,
          adaptationHorizon,
          adaptationWarmUp,
          tailShare,
          embeddingWeight,
          fireScore,
          resolveScore,
          firingWindows,
          resolvingWindows,
          alertBudgetPerDay,
          alertTailShare,
          bodyScales,
          smoothing,
          recoveryMargin,
          incidentWindows,
          triageMinProbability,
          triageEmbeddingWeight,
          triageSuspects,
          seed);
    }
  }
}
