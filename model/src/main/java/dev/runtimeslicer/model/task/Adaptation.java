package dev.runtimeslicer.model.task;

/**
 * How the anomaly score follows slow change: besides its state's normal from training, each service
 * (and the system) is compared with its recent normal (exponentially weighted over about {@code
 * horizonWindows} windows), and a window counts as deviating only as far as it deviates from both.
 * Drift (another day, another load, a node that got busier) moves the recent normal along, a
 * failure is a sudden change from it. Anomalous windows are not learned, unless the anomaly lasts
 * longer than a horizon: then it is a change of regime, learned as the new normal, so the alert it
 * raised resolves.
 *
 * @param horizonWindows windows over which the recent normal averages (1/weight)
 * @param warmUpWindows updates before a recent normal is used
 * @param scaleFloor smallest spread of recent distances
 */
public record Adaptation(int horizonWindows, int warmUpWindows, double scaleFloor) {

  public Adaptation {
    if (horizonWindows < 1 || warmUpWindows < 1 || !(scaleFloor > 0)) {
      throw new IllegalArgumentException(
          "adaptation needs a horizon and warm-up of at least one window and a positive floor");
    }
  }

  /** Weight of each new window. */
  public double alpha() {
    return 1.0 / horizonWindows;
  }
}
