package dev.runtimeslicer.model.task;

/**
 * One call path of a system's service graph: a caller's calls to one callee, how often and how they
 * went in recent calm traffic and in one window, and what changed between the two. A Flink POJO
 * carried by the diagnosed assessments and the alerts (see {@link ServiceGraph}).
 */
public class ServiceEdge {

  /** The caller stopped calling the callee though it kept serving requests. */
  public static final String GONE = "gone";

  /** Calls failed more often than the recent error share explains. */
  public static final String FAILING = "failing";

  /** Calls took longer than usual, as the caller timed them. */
  public static final String SLOWER = "slower";

  /** A call path the recent calm traffic never saw. */
  public static final String NEW = "new";

  /** More calls per request of the caller than usual (retries, loops). */
  public static final String MORE = "more";

  /** Fewer calls per request of the caller than usual (a call path skipped). */
  public static final String FEWER = "fewer";

  public String caller;
  public String callee;

  /** Calls per minute in the recent calm traffic; null when none was learned. */
  public Double normalCallsPerMinute;

  /** Share of calls that failed in the recent calm traffic; null when none was learned. */
  public Double normalErrorShare;

  /** Mean call duration in the recent calm traffic, in ms; null when never timed. */
  public Double normalMeanMs;

  /** Calls per minute in the window. */
  public double callsPerMinute;

  /** Share of the window's calls that failed; null without calls. */
  public Double errorShare;

  /** Mean duration of the window's calls as the caller timed them, in ms; null when untimed. */
  public Double meanMs;

  /**
   * What changed against the recent calm traffic: one of {@link #GONE}, {@link #FAILING}, {@link
   * #SLOWER}, {@link #NEW}, {@link #MORE}, {@link #FEWER} (the first that holds, in this order);
   * empty when nothing did or there was nothing to compare with.
   */
  public String change = "";

  /** Declared in configuration ({@link KnownEdge}); it may also have been learned. */
  public boolean declared;

  public ServiceEdge() {}

  /** Whether the edge changed against the recent calm traffic. */
  public boolean changed() {
    return change != null && !change.isEmpty();
  }

  /**
   * One line for people: the path, what changed, and the window's calls per minute, error share and
   * duration with their normals, e.g. "cart -> cart-db: failing, 610 calls/min (normal 600), 20%
   * failed (normal 0.1%), 2.1 ms (normal 2.0 ms)".
   */
  public String describe() {
    StringBuilder out = new StringBuilder(caller).append(" -> ").append(callee);
    out.append(changed() ? ": " + change : "").append(declared ? " (declared)" : "");
    out.append(", ").append(format(callsPerMinute)).append(" calls/min");
    normal(out, normalCallsPerMinute, "");
    if (errorShare != null) {
      out.append(", ").append(format(100 * errorShare)).append("% failed");
      normal(out, normalErrorShare == null ? null : 100 * normalErrorShare, "%");
    }
    if (meanMs != null) {
      out.append(", ").append(format(meanMs)).append(" ms");
      normal(out, normalMeanMs, " ms");
    }
    return out.toString();
  }

  private static void normal(StringBuilder out, Double value, String unit) {
    if (value != null) {
      out.append(" (normal ").append(format(value)).append(unit).append(')');
    }
  }

  private static String format(double value) {
    if (Math.abs(value) >= 100 || value == Math.rint(value)) {
      return String.format(java.util.Locale.ROOT, "%.0f", value);
    }
    return String.format(java.util.Locale.ROOT, "%.2g", value);
  }

  /** "caller -> callee: change" for people. */
  @Override
  public String toString() {
    return caller + " -> " + callee + (changed() ? ": " + change : "");
  }
}
