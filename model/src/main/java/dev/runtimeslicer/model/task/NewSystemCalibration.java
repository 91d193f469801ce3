package dev.runtimeslicer.model.task;

import java.util.Arrays;

/**
 * The anomaly score of a system the heads were never tuned on, learned online: its raw deviation is
 * how far its most changed service is from the system's recent calm traffic ({@link
 * TrafficContrast}: own latency, errors, logs, calls, and what callers saw), and the score is the
 * share of the system's own calm windows of the memory that deviated less, with a tail beyond them
 * that is exponential in log(1 + raw) ({@link TailCalibration} on the logs, its own scale): a
 * contrast's z is a ratio of a change to a spread, heavy-tailed, and calm windows of a quiet
 * service (one odd error or template in a minute) reach far into it. Chosen on the dev system
 * online-shop-11 run as a new system (docs/evaluation.md): the raw z with the tail's scale capped
 * by the body, as tuning caps it, fired 17 false alerts a day; the logs with their own scale none,
 * at 26 instead of 34 of 40 faults caught. Until the warm-up is over it scores 0: a new system gets
 * detection after that much of its own telemetry, without a restart or {@code tune}. A Flink POJO
 * (public fields, no-arg constructor) for keyed state; one per system, fed in window order.
 */
public final class NewSystemCalibration {

  /** Share of calm windows modelled by the exponential tail, as tuning's calibration does. */
  static final double TAIL_SHARE = 0.1;

  /** The calibration is refitted once new raw deviations are this share of those remembered. */
  private static final double REFIT_SHARE = 0.01;

  /**
   * Raw deviations of the remembered calm windows, oldest first; live from {@link #first} to {@link
   * #size}.
   */
  public double[] raws = new double[0];

  public long[] endsMs = new long[0];
  public int first;
  public int size;

  /** End of the first window learned (since the memory last ran empty). */
  public long sinceMs = Long.MIN_VALUE;

  /** The fitted calibration's body quantiles; null until warm. */
  public double[] quantiles;

  public double meanExcess;
  public int sinceFit;

  public NewSystemCalibration() {}

  /**
   * The raw deviation of a window: its most changed service's largest change (at least 0), 0 when
   * nothing was compared.
   */
  public static double raw(TrafficContrast contrast) {
    double raw = 0;
    for (TrafficContrast.Change change : contrast.changes().values()) {
      raw = Math.max(raw, change.score());
    }
    return raw;
  }

  /** The score of {@code raw}: 0 until warm. */
  public double score(double raw, LiveAlertTailSettings settings) {
    if (!warm(settings)) {
      return 0;
    }
    return new TailCalibration(quantiles, TAIL_SHARE, meanExcess).score(Math.log1p(raw));
  }

  /** True once the calm windows learned span the warm-up and a calibration was fitted. */
  public boolean warm(LiveAlertTailSettings settings) {
    return quantiles != null && size > first && endsMs[size - 1] - sinceMs >= settings.warmUpMs();
  }

  /**
   * Lets this calibration and the system's {@code live} tail learn an assessed window: a calm,
   * complete window teaches the calibration once the recent traffic it was contrasted with was warm
   * ({@code contrasted}). The live tail learns every window once the calibration is warm; at that
   * moment it is first given the remembered windows as the calibration now scores them, so both are
   * warm after the same warm-up instead of one after the other.
   */
  public void observe(
      SliceAssessment window,
      boolean contrasted,
      LiveAlertTail live,
      DetectionPolicy policy,
      LiveAlertTailSettings settings) {
    boolean warmBefore = warm(settings);
    if (!window.partial && !window.anomalous && contrasted) {
      learn(window.windowEndMs, window.rawScore, settings);
    }
    if (warmBefore) {
      live.observe(
          window.windowStartMs,
          window.windowEndMs,
          window.partial,
          window.anomalyScore,
          window.fireScore,
          policy,
          settings);
    } else if (warm(settings)) {
      double never = AlertTail.score(AlertTail.MAX_NINES);
      for (int i = first; i < size; i++) {
        // Window ends stand in for starts: the tail reads only the steps between them.
        live.observe(
            endsMs[i], endsMs[i], false, score(raws[i], settings), never, policy, settings);
      }
    }
  }

  /** Learns one calm, complete window's raw deviation, ending at {@code endMs}. */
  public void learn(long endMs, double raw, LiveAlertTailSettings settings) {
    if (!Double.isFinite(raw)) {
      return;
    }
    if (size == raws.length) {
      int live = size - first;
      int capacity = Math.max(64, live * 2);
      raws = Arrays.copyOfRange(raws, first, first + capacity);
      endsMs = Arrays.copyOfRange(endsMs, first, first + capacity);
      first = 0;
      size = live;
    }
    if (size == first) {
      sinceMs = endMs;
    }
    raws[size] = raw;
    endsMs[size] = endMs;
    size++;
    while (first < size && endsMs[first] < endMs - settings.memoryMs()) {
      first++;
    }
    if (endMs - sinceMs < settings.warmUpMs() || size - first < 2) {
      return;
    }
    if (quantiles != null && ++sinceFit < REFIT_SHARE * (size - first)) {
      return;
    }
    sinceFit = 0;
    double[] logs = new double[size - first];
    for (int i = first; i < size; i++) {
      logs[i - first] = Math.log1p(raws[i]);
    }
    TailCalibration fitted = TailCalibration.fit(logs, TAIL_SHARE, false);
    quantiles = fitted.quantiles();
    meanExcess = fitted.meanExcess();
  }
}
