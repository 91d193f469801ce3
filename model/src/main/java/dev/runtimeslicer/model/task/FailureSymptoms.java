package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service's symptoms in one window, named the same in every system: its request rate, error
 * shares, latency and log severities, and its metric series grouped by what the OpenTelemetry
 * semantic conventions call them (cpu, memory, restarts, network, database, disk, threads), each as
 * a clipped robust z against the service's normal. A fault type shows as a pattern of symptoms
 * whichever service it hits, which an embedding shift (also telling the service apart) cannot say
 * from two or three incidents per type. A service's latency is also read from outside: when its
 * callers' calls to it take longer than normal (a delay on the network to it, which its own spans
 * do not see), its latency symptoms are at least that deviation ({@link #callerViews}).
 */
public final class FailureSymptoms {

  /**
   * Plain features every instrumented service has, by {@link PlainFeature#key()}, in {@link
   * PlainFeatures#generic} order.
   */
  static final List<String> GENERIC =
      java.util.Arrays.stream(PlainFeatures.GENERIC).map(f -> f[0] + ":" + f[1]).toList();

  /**
   * Per {@link #GENERIC} position, whether it is a latency: a level, not a rate or share, so a
   * window without it has an unknown value, not zero.
   */
  private static final boolean[] IS_LATENCY = new boolean[GENERIC.size()];

  static {
    for (int i = 0; i < IS_LATENCY.length; i++) {
      IS_LATENCY[i] = PlainFeatures.GENERIC[i][1].startsWith("latency");
    }
  }

  /**
   * Metric groups by name fragments of the semantic conventions and of the common Prometheus
   * exporters (cAdvisor's {@code container_fs_*}, database exporters' {@code mongodb_*}, {@code
   * pg_*} by their product names); a series counts in every group it names. Disk and threads tell
   * slow storage and exhausted pools from the cpu and latency they share with other failures.
   */
  static final List<List<String>> METRIC_GROUPS =
      List.of(
          List.of("cpu"),
          List.of("memory", "heap", ".gc", "_gc_"),
          List.of("restart"),
          List.of("network", "packet", "retransmit"),
          List.of(
              "db.",
              "db_",
              "database",
              "redis",
              "sql",
              "mongo",
              "postgres",
              "cassandra",
              "memcache"),
          List.of("disk", "blockio", "filesystem", "_fs_"),
          List.of("thread"));

  /** Position of the request rate in {@link #GENERIC}. */
  static final int REQUESTS =
      GENERIC.indexOf(PlainFeatures.TRACES + ":" + PlainFeatures.REQUESTS_PER_SECOND);

  /** Larger deviations say nothing more about the kind of failure. */
  static final double CLIP = 6.0;

  /** Generic features, metric groups and the absent flag. */
  public static final int WIDTH = GENERIC.size() + METRIC_GROUPS.size() + 1;

  private FailureSymptoms() {}

  /**
   * @param service the service's slice, or null when it sent nothing (absent)
   * @param normals the service's normals ({@link FeatureNormals#of}); features without one count as
   *     normal
   */
  public static float[] of(ServiceSlice service, long windowMs, Map<String, RobustScale> normals) {
    return of(service, windowMs, normals, 0f);
  }

  /**
   * {@link #of(ServiceSlice, long, Map)} with the service's callers' view of its latency.
   *
   * @param callerView the service's entry of {@link #callerViews}, 0 when none
   */
  public static float[] of(
      ServiceSlice service, long windowMs, Map<String, RobustScale> normals, float callerView) {
    return of(service, windowMs, SymptomNormals.layOut(normals), callerView);
  }

  /**
   * The same symptoms against a service's laid-out normals ({@link SymptomNormals#service}): the
   * per-window path, without key strings or name matching.
   */
  public static float[] of(
      ServiceSlice service, long windowMs, SymptomNormals.OfService normals, float callerView) {
    float[] out = new float[WIDTH];
    if (service == null) {
      out[WIDTH - 1] = 1;
      return out;
    }
    double[] values = new double[GENERIC.size()];
    PlainFeatures.generic(service, windowMs, values);
    RobustScale[] generic = normals.generic();
    for (int i = 0; i < values.length; i++) {
      out[i] = generic(values[i], generic[i], i, callerView);
    }
    Map<String, SymptomNormals.MetricNormal> metrics = normals.metrics();
    for (Map.Entry<String, MetricFeatures> metric : service.metrics.entrySet()) {
      SymptomNormals.MetricNormal normal = metrics.get(metric.getKey());
      if (normal != null && normal.groups() != 0 && Double.isFinite(metric.getValue().mean)) {
        group(out, squash(normal.scale().z(metric.getValue().mean)), normal.groups());
      }
    }
    return out;
  }

  /** The larger of the latency symptoms (p50 and p99) of {@link #of}'s output. */
  public static float latency(float[] symptoms) {
    float out = 0;
    for (int i = 0; i < IS_LATENCY.length; i++) {
      if (IS_LATENCY[i]) {
        out = Math.max(out, symptoms[i]);
      }
    }
    return out;
  }

  /** The {@link #METRIC_GROUPS} a metric series counts in, as bits. */
  static int metricGroups(String metric) {
    String name = metric.toLowerCase(Locale.ROOT);
    int groups = 0;
    for (int g = 0; g < METRIC_GROUPS.size(); g++) {
      if (METRIC_GROUPS.get(g).stream().anyMatch(name::contains)) {
        groups |= 1 << g;
      }
    }
    return groups;
  }

  /** Keeps, per group of {@code groups}, the symptom of largest magnitude. */
  private static void group(float[] out, float z, int groups) {
    for (int g = 0; g < METRIC_GROUPS.size(); g++) {
      int at = GENERIC.size() + g;
      if ((groups & (1 << g)) != 0 && Math.abs(z) > Math.abs(out[at])) {
        out[at] = z;
      }
    }
  }

  /**
   * How unusual a service's symptoms are as one number: the root mean square of its generic
   * symptoms (request rate, errors, latency, log rates), 0 when normal and 1 when all are at the
   * clip. The metric groups are left out: resource levels drift from day to day (on the Nezha test
   * day the cpu, memory and network groups read two to four times their training deviation in every
   * window), which would make every window of a later day look unusual. Metrics reach the score as
   * the service's {@link MetricDeviation} instead, scaled by that service's own normal ({@link
   * SymptomScales}).
   */
  public static float severity(float[] symptoms) {
    double sum = 0;
    for (int i = 0; i < GENERIC.size(); i++) {
      sum += symptoms[i] * symptoms[i];
    }
    return rootMean(sum);
  }

  /**
   * {@link #severity} of one service straight from its slice: the same number as {@code
   * severity(of(service, windowMs, normals, callerView))} without building the other symptoms.
   *
   * @param normals the service's generic normals ({@link SymptomNormals#of}), null entries normal
   * @param values scratch of {@link #GENERIC}'s size
   */
  public static float severity(
      ServiceSlice service,
      long windowMs,
      RobustScale[] normals,
      double[] values,
      float callerView) {
    PlainFeatures.generic(service, windowMs, values);
    return severity(values, 0, normals, callerView);
  }

  /** {@link #severity} of the generic values at {@code offset} of {@code values}. */
  private static float severity(
      double[] values, int offset, RobustScale[] normals, float callerView) {
    double sum = 0;
    for (int i = 0; i < GENERIC.size(); i++) {
      float symptom = generic(values[offset + i], normals[i], i, callerView);
      sum += symptom * symptom;
    }
    return rootMean(sum);
  }

  private static float rootMean(double sumOfSquares) {
    return (float) Math.sqrt(sumOfSquares / GENERIC.size());
  }

  /**
   * A window's symptoms and callers' views.
   *
   * @param symptoms {@link #severity} and {@link MetricDeviation} of every service that sent
   *     telemetry
   * @param callerViews {@link #callerViews}
   */
  public record OfWindow(WindowSymptoms symptoms, Map<String, Float> callerViews) {}

  /**
   * Symptoms and callers' views of a window in two passes: the first reads each service's slice
   * once (its generic values, its metric deviation, then its calls for the views, while its data is
   * in cache) and looks its normals up once; the second scores the values held in one array (9.3
   * against 10.5 µs per window for two separate reads in a throwaway check, docs/benchmarks.md).
   */
  public static OfWindow ofWindow(RuntimeSlice slice, SymptomNormals normals) {
    long windowMs = slice.windowEndMs - slice.windowStartMs;
    int count = slice.services.size();
    int width = GENERIC.size();
    double[] values = new double[count * width];
    SymptomNormals.OfService[] ofServices = new SymptomNormals.OfService[count];
    Map<String, Float> views = new HashMap<>();
    Map<String, Float> metrics = new HashMap<>();
    for (int i = 0; i < count; i++) {
      ServiceSlice service = slice.services.get(i);
      SymptomNormals.OfService of = normals.service(slice.system, service.service);
      ofServices[i] = of;
      PlainFeatures.generic(service, windowMs, values, i * width);
      addCallerViews(service, of.calls(), views);
    }
    double load = normals.readsLoad() ? load(values, ofServices, count) : Double.NaN;
    for (int i = 0; i < count; i++) {
      ServiceSlice service = slice.services.get(i);
      metrics.putIfAbsent(
          service.service, (float) MetricDeviation.of(service, ofServices[i], load));
    }
    Map<String, Float> severities = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String name = slice.services.get(i).service;
      if (!severities.containsKey(name)) {
        severities.put(
            name,
            severity(values, i * width, ofServices[i].generic(), views.getOrDefault(name, 0f)));
      }
    }
    return new OfWindow(new WindowSymptoms(severities, metrics), views);
  }

  /**
   * The window's {@link WindowLoad} from the services' request rates laid out in {@code values}.
   */
  private static double load(double[] values, SymptomNormals.OfService[] ofServices, int count) {
    int width = GENERIC.size();
    double[] ratios = new double[count];
    for (int i = 0; i < count; i++) {
      ratios[i] = WindowLoad.ratio(values[i * width + REQUESTS], ofServices[i].generic()[REQUESTS]);
    }
    return WindowLoad.ofRatios(ratios, count);
  }

  /**
   * Per callee, how much slower than normal its callers' calls to it were: the largest robust z
   * (clipped, over {@link #CLIP}) of a caller's mean call duration against that caller's normal,
   * for callees some caller waited on longer than normal, counting callers that made at least
   * {@link PlainFeatures#MIN_TIMED_CALLS} calls. The callers' spans time the whole way to the
   * callee, so a delay on the network to it shows here although its own spans are normal.
   */
  public static Map<String, Float> callerViews(RuntimeSlice slice, SymptomNormals normals) {
    Map<String, Float> out = new HashMap<>();
    for (ServiceSlice caller : slice.services) {
      addCallerViews(caller, normals.service(slice.system, caller.service).calls(), out);
    }
    return out;
  }

  /** Raises {@code views} to what {@code caller} saw of its callees against its call normals. */
  private static void addCallerViews(
      ServiceSlice caller, Map<String, RobustScale> calls, Map<String, Float> views) {
    if (caller.traces == null || caller.traces.callees.isEmpty() || calls.isEmpty()) {
      return;
    }
    for (Map.Entry<String, CallFeatures> call : caller.traces.callees.entrySet()) {
      RobustScale normal = calls.get(call.getKey());
      if (normal != null) {
        float view = callView(call.getValue(), normal);
        if (view > 0 && view > views.getOrDefault(call.getKey(), 0f)) {
          views.put(call.getKey(), view);
        }
      }
    }
  }

  /**
   * How much slower than {@code normal} one caller's calls to a callee were in a window: the
   * clipped robust z of their mean duration over {@link #CLIP}; 0 when they are too few to time
   * ({@link PlainFeatures#MIN_TIMED_CALLS}) or untimed.
   */
  static float callView(CallFeatures call, RobustScale normal) {
    return call.meanMs > 0 && call.calls >= PlainFeatures.MIN_TIMED_CALLS
        ? squash(normal.z(call.meanMs))
        : 0f;
  }

  /**
   * One generic symptom: a rate or share the window does not carry (NaN: no traces, no logs) is
   * zero; a latency it does not carry is unknown, not zero milliseconds (sparse traces would
   * otherwise read as fast); a feature without a normal counts as normal; a latency is at least the
   * callers' view of it.
   */
  private static float generic(double value, RobustScale normal, int position, float callerView) {
    float own = generic(value, normal, position);
    return IS_LATENCY[position] && callerView > 0 && callerView > own ? callerView : own;
  }

  private static float generic(double value, RobustScale normal, int position) {
    if (normal == null) {
      return 0;
    }
    if (Double.isNaN(value)) {
      return IS_LATENCY[position] ? 0 : squash(normal.z(0));
    }
    return squash(normal.z(value));
  }

  private static float squash(double z) {
    return (float) (Math.max(-CLIP, Math.min(CLIP, z)) / CLIP);
  }
}
