package dev.runtimeslicer.model.task;

/**
 * The normal of a metric series that follows the load of its system, per unit of load: over normal
 * training windows, the series' level divided by the window's {@link WindowLoad} to the power of
 * its elasticity (the slope of its log level on the log load). Network bytes, call counts and cpu
 * rise with the requests a system serves; a traffic surge moves them all, which is not a failure.
 *
 * @param elasticity in (0, 1]: 1 for a series proportional to load
 * @param scale the normal of the series divided by load^elasticity
 */
public record LoadAdjustedNormal(double elasticity, RobustScale scale) {

  public LoadAdjustedNormal {
    if (!(elasticity > 0 && elasticity <= 1) || scale == null) {
      throw new IllegalArgumentException(
          "load elasticity must be in (0, 1] with a scale, got " + elasticity);
    }
  }

  /**
   * The robust z of {@code value} at a window's {@code load} (a finite, positive {@link
   * WindowLoad}).
   */
  public double z(double value, double load) {
    return scale.z(value / Math.pow(load, elasticity));
  }
}
