package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.OperationFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How each service's traces and logs in one window differ from the system's recent calm traffic
 * ({@link RecentTraffic}), blamed as an aggregate comparison of traces (ACT) does: on the deepest
 * call whose behaviour changed while what it calls did not. A service's own change is the time its
 * requests spent in itself (not waiting on calls), its request errors unless its calls' errors
 * explain them, and its log templates' counts unless its calls fail more than usual; a callee is
 * also blamed for what every one of its callers saw of it that its own spans do not show (a delay
 * on the way to it, calls to it failing while it is gone), and for other services' log templates
 * that name it. Every change is a z against the recent normal; a service's suspicion is its
 * largest. Needs no training and no labels. Immutable.
 */
public final class TrafficContrast {

  private static final String TRACES = "traces";
  private static final String LOGS = "logs";

  /**
   * A z from which a service's own latency counts as changed (its calls then slow down from its
   * side).
   */
  static final double CHANGED = 3.0;

  /** Share of a service's extra request errors its extra call errors must reach to explain them. */
  static final double EXPLAINED_SHARE = 0.5;

  /**
   * Errors per window assumed normal where the recent traffic saw none, so a first error is a
   * surprise, not a certainty.
   */
  private static final double PRIOR_ERRORS = 0.05;

  /**
   * One service's changes, each a z of at least 0.
   *
   * @param ownLatency time its requests spent in itself
   * @param ownErrors its request errors its calls do not explain
   * @param ownLogs its log templates' counts (but those naming another service), when its calls do
   *     not fail more than usual
   * @param ownCalls how much slower or more often failing than usual at least two of its calls
   *     were, from its side
   * @param callerDelay how much slower than usual every caller timed its calls to it, beyond its
   *     own requests' slowdown
   * @param callerErrors how much more than usual every caller's calls to it failed
   * @param namedInLogs the counts of other services' log templates that name it
   */
  public record Change(
      double ownLatency,
      double ownErrors,
      double ownLogs,
      double ownCalls,
      double callerDelay,
      double callerErrors,
      double namedInLogs) {

    static final Change NONE = new Change(0, 0, 0, 0, 0, 0, 0);

    /** The largest change. */
    public double score() {
      return Math.max(
          Math.max(Math.max(ownLatency, ownErrors), Math.max(ownLogs, ownCalls)),
          Math.max(Math.max(callerDelay, callerErrors), namedInLogs));
    }
  }

  /** Services whose largest change is described as evidence. */
  static final int EVIDENCE = 3;

  private final Map<String, Change> changes;
  private final List<AlertEvidence> evidence;

  private TrafficContrast(Map<String, Change> changes, List<AlertEvidence> evidence) {
    this.changes = changes;
    this.evidence = evidence;
  }

  /**
   * The contrast of {@code slice} with {@code recent}; every service counts as unchanged while
   * {@code recent} is not warm.
   */
  public static TrafficContrast of(
      RuntimeSlice slice, RecentTraffic recent, TrafficContrastSettings settings) {
    Map<String, Change> changes = new TreeMap<>();
    if (recent == null || !recent.warm(settings)) {
      return new TrafficContrast(changes, List.of());
    }
    Map<String, ServiceSlice> byName = new HashMap<>();
    for (ServiceSlice service : slice.services) {
      byName.putIfAbsent(service.service, service);
    }
    // A service whose calls fail more than usual passes its errors, logs and latency (retries,
    // timeouts) on to the callees that fail it.
    Map<String, Boolean> callsFail = new HashMap<>();
    Map<String, Double> ownLatency = new HashMap<>();
    for (ServiceSlice service : byName.values()) {
      ServiceTraffic normal = recent.service(service.service);
      boolean fail = normal != null && callsFailMore(service, normal);
      callsFail.put(service.service, fail);
      ownLatency.put(service.service, fail ? 0.0 : ownLatency(service, normal, settings));
    }
    Map<String, Double> callSide = new HashMap<>();
    Map<String, Double> callerDelay = new HashMap<>();
    Map<String, Double> callerErrors = new HashMap<>();
    callerViews(byName, recent, ownLatency, settings, callSide, callerDelay, callerErrors);
    Set<String> names = new TreeSet<>(byName.keySet());
    names.addAll(callerErrors.keySet());
    Set<String> known = new HashSet<>(names);
    known.addAll(recent.services.keySet());
    ServiceMentions mentions = new ServiceMentions(known);
    Map<String, Double> namedInLogs = new HashMap<>();
    Map<String, Double> ownLogs = new HashMap<>();
    for (ServiceSlice service : byName.values()) {
      ServiceTraffic normal = recent.service(service.service);
      if (normal != null) {
        ownLogs.put(service.service, logs(service, normal, mentions, namedInLogs));
      }
    }
    names.addAll(namedInLogs.keySet());
    for (String name : names) {
      ServiceSlice service = byName.get(name);
      ServiceTraffic normal = recent.service(name);
      boolean passes = callsFail.getOrDefault(name, false);
      double errors =
          service == null || normal == null || passes ? 0 : requestErrors(service, normal);
      double logs = passes ? 0 : ownLogs.getOrDefault(name, 0.0);
      changes.put(
          name,
          new Change(
              ownLatency.getOrDefault(name, 0.0),
              errors,
              logs,
              callSide.getOrDefault(name, 0.0),
              callerDelay.getOrDefault(name, 0.0),
              callerErrors.getOrDefault(name, 0.0),
              namedInLogs.getOrDefault(name, 0.0)));
    }
    TrafficContrast contrast = new TrafficContrast(changes, new ArrayList<>());
    for (String name : contrast.ranked(CHANGED)) {
      if (contrast.evidence.size() == EVIDENCE) {
        break;
      }
      AlertEvidence described =
          describe(name, changes.get(name), byName, recent, mentions, settings);
      if (described != null) {
        contrast.evidence.add(described);
      }
    }
    return contrast;
  }

  /** A contrast of these changes (tests, replays). */
  static TrafficContrast of(Map<String, Change> changes) {
    return new TrafficContrast(new TreeMap<>(changes), List.of());
  }

  /**
   * What changed most against the recent calm traffic, for people: per service that changed by at
   * least {@link #CHANGED}, most changed first (up to {@link #EVIDENCE}), its largest change as the
   * recent normal and the window's value. Do not modify.
   */
  public List<AlertEvidence> evidence() {
    return evidence;
  }

  /** The evidence of {@code service}'s largest change; null when it cannot be put in values. */
  private static AlertEvidence describe(
      String service,
      Change change,
      Map<String, ServiceSlice> byName,
      RecentTraffic recent,
      ServiceMentions mentions,
      TrafficContrastSettings settings) {
    double score = change.score();
    ServiceSlice slice = byName.get(service);
    ServiceTraffic normal = recent.service(service);
    if (slice != null && normal != null && slice.traces != null) {
      if (score == change.ownLatency()) {
        return new AlertEvidence(
            TRACES,
            service,
            "time in itself per request (ms)",
            normal.self.meanMs,
            ServiceTraffic.selfMs(slice));
      }
      if (score == change.ownErrors()) {
        return new AlertEvidence(
            TRACES,
            service,
            "request error share",
            share(normal.self),
            (double) slice.traces.errors / slice.traces.requests);
      }
      if (score == change.ownCalls()) {
        return slowestCall(slice, normal, settings);
      }
    }
    if (slice != null && normal != null && score == change.ownLogs()) {
      return loudestTemplate(slice, normal, mentions, null);
    }
    if (score == change.callerDelay() || score == change.callerErrors()) {
      return callerView(service, score == change.callerErrors(), byName, recent, settings);
    }
    if (score == change.namedInLogs()) {
      for (ServiceSlice other : byName.values()) {
        ServiceTraffic otherNormal = recent.service(other.service);
        AlertEvidence named =
            otherNormal == null ? null : loudestTemplate(other, otherNormal, mentions, service);
        if (named != null) {
          return named;
        }
      }
    }
    return null;
  }

  /** The caller's call whose mean duration rose most over its recent normal. */
  private static AlertEvidence slowestCall(
      ServiceSlice caller, ServiceTraffic normal, TrafficContrastSettings settings) {
    AlertEvidence out = null;
    double largest = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, CallFeatures> call : caller.traces.callees.entrySet()) {
      TrafficNormal usual = normal.calls.get(call.getKey());
      if (usual == null || usual.timed == 0 || call.getValue().calls < settings.minCount()) {
        continue;
      }
      double z =
          (call.getValue().meanMs - usual.meanMs) / usual.spreadMs(settings.floorMs(usual.meanMs));
      if (z > largest) {
        largest = z;
        out =
            new AlertEvidence(
                TRACES,
                caller.service,
                "calls to " + call.getKey() + " (ms)",
                usual.meanMs,
                call.getValue().meanMs);
      }
    }
    return out;
  }

  /**
   * The template of {@code service} whose count rose most over its recent count: among those naming
   * no other service ({@code naming} null), or among those naming {@code naming}; null when none
   * rose.
   */
  private static AlertEvidence loudestTemplate(
      ServiceSlice service, ServiceTraffic normal, ServiceMentions mentions, String naming) {
    if (service.logs == null) {
      return null;
    }
    AlertEvidence out = null;
    double largest = 0;
    for (Map.Entry<String, Long> template : service.logs.templates.entrySet()) {
      String other = mentions.other(template.getKey(), service.service);
      if (naming == null ? other != null : !naming.equals(other)) {
        continue;
      }
      TrafficNormal usual = normal.templates.get(template.getKey());
      double expected = usual == null ? 0 : usual.count;
      double z = (template.getValue() - expected) / Math.sqrt(expected + 1);
      if (z > largest) {
        largest = z;
        out =
            new AlertEvidence(
                LOGS,
                service.service,
                "log \"" + template.getKey() + "\" per window",
                expected,
                template.getValue());
      }
    }
    return out;
  }

  /** The busiest caller's calls to {@code callee}: their mean duration, or their failing share. */
  private static AlertEvidence callerView(
      String callee,
      boolean failures,
      Map<String, ServiceSlice> byName,
      RecentTraffic recent,
      TrafficContrastSettings settings) {
    AlertEvidence out = null;
    long busiest = 0;
    for (ServiceSlice caller : byName.values()) {
      ServiceTraffic normal = recent.service(caller.service);
      CallFeatures call = caller.traces == null ? null : caller.traces.callees.get(callee);
      TrafficNormal usual = normal == null || call == null ? null : normal.calls.get(callee);
      if (usual == null || call.calls < settings.minCount() || call.calls <= busiest) {
        continue;
      }
      busiest = call.calls;
      out =
          failures
              ? new AlertEvidence(
                  TRACES,
                  callee,
                  "calls from " + caller.service + " failing (share)",
                  share(usual),
                  (double) call.errors / call.calls)
              : new AlertEvidence(
                  TRACES,
                  callee,
                  "calls from " + caller.service + " (ms)",
                  usual.meanMs,
                  call.meanMs);
    }
    return out;
  }

  /** A service's changes; none when it was not compared. */
  public Change change(String service) {
    return changes.getOrDefault(service, Change.NONE);
  }

  /** Every compared service's change, by name. */
  public Map<String, Change> changes() {
    return changes;
  }

  /** Whether anything was compared (the recent traffic was warm). */
  public boolean compared() {
    return !changes.isEmpty();
  }

  /** The compared services, most changed first; equal scores in name order. */
  public List<String> ranked() {
    return ranked(0);
  }

  /**
   * The services that changed at least {@code least} (their {@link Change#score()}), most changed
   * first.
   */
  public List<String> ranked(double least) {
    List<String> out = new ArrayList<>();
    changes.forEach(
        (service, change) -> {
          if (change.score() >= least) {
            out.add(service);
          }
        });
    out.sort(
        Comparator.comparingDouble((String s) -> changes.get(s).score())
            .reversed()
            .thenComparing(s -> s));
    return out;
  }

  /** How much longer than usual the service's requests spent in itself, 0 when too few to tell. */
  static double ownLatency(
      ServiceSlice service, ServiceTraffic normal, TrafficContrastSettings settings) {
    if (normal == null
        || normal.self.timed == 0
        || service.traces == null
        || service.traces.requests < settings.minCount()) {
      return 0;
    }
    double selfMs = ServiceTraffic.selfMs(service);
    if (!Double.isFinite(selfMs)) {
      return 0;
    }
    return positive(
        (selfMs - normal.self.meanMs) / normal.self.spreadMs(settings.floorMs(normal.self.meanMs)));
  }

  /**
   * How surprising the service's request errors are against its recent error share (a binomial z).
   */
  static double requestErrors(ServiceSlice service, ServiceTraffic normal) {
    if (service.traces == null || service.traces.requests <= 0) {
      return 0;
    }
    return excessZ(service.traces.errors, service.traces.requests, normal.self);
  }

  /**
   * Whether calls to some callee failed more than usual ({@link #CHANGED} binomial z) and the extra
   * failed calls reach {@link #EXPLAINED_SHARE} of the service's extra request errors: its errors,
   * the error logs and the retries and timeouts that go with them are then its callees' to explain.
   */
  static boolean callsFailMore(ServiceSlice service, ServiceTraffic normal) {
    if (service.traces == null) {
      return false;
    }
    double extraCalls = 0;
    double largest = 0;
    for (Map.Entry<String, CallFeatures> call : service.traces.callees.entrySet()) {
      TrafficNormal usual = normal.calls.get(call.getKey());
      CallFeatures features = call.getValue();
      extraCalls += Math.max(0, excess(features.errors, features.calls, usual));
      largest = Math.max(largest, excessZ(features.errors, features.calls, usual));
    }
    double extraRequests =
        Math.max(0, excess(service.traces.errors, service.traces.requests, normal.self));
    return largest >= CHANGED && extraCalls >= EXPLAINED_SHARE * extraRequests;
  }

  /**
   * The largest increase of one of the service's log templates over its recent count per window (a
   * Poisson z), but for templates that name another service of the system: those are about that
   * service ("call to cart failed", "connection refused: cart:7070") and raise its entry of {@code
   * named} instead.
   */
  static double logs(
      ServiceSlice service,
      ServiceTraffic normal,
      ServiceMentions mentions,
      Map<String, Double> named) {
    if (service.logs == null) {
      return 0;
    }
    double out = 0;
    for (Map.Entry<String, Long> template : service.logs.templates.entrySet()) {
      TrafficNormal usual = normal.templates.get(template.getKey());
      double expected = usual == null ? 0 : usual.count;
      double z = (template.getValue() - expected) / Math.sqrt(expected + 1);
      if (!(z > 0)) {
        continue;
      }
      String other = mentions.other(template.getKey(), service.service);
      if (other == null) {
        out = Math.max(out, z);
      } else {
        named.merge(other, z, Math::max);
      }
    }
    return out;
  }

  /**
   * What callers saw of their callees. Per caller, its own side: the second largest over its
   * callees of how much slower (beyond the callee's own slowdown) or more often failing than usual
   * its calls to them were. One cause at the caller (a delay or loss on its own network, starved
   * cpu) explains two changed calls more simply than two causes at two callees do. Per callee, the
   * smallest over its callers (that made enough calls and whose own side is not to blame) of the
   * same: a callee at fault fails every caller alike, while one caller's own trouble shows on that
   * caller's calls only.
   */
  private static void callerViews(
      Map<String, ServiceSlice> byName,
      RecentTraffic recent,
      Map<String, Double> ownLatency,
      TrafficContrastSettings settings,
      Map<String, Double> callSide,
      Map<String, Double> delay,
      Map<String, Double> errors) {
    Map<String, Double> extraOwnMs = new HashMap<>();
    Map<String, Map<String, double[]>> seen = new HashMap<>();
    for (ServiceSlice caller : byName.values()) {
      ServiceTraffic normal = recent.service(caller.service);
      if (caller.traces == null || normal == null) {
        continue;
      }
      Map<String, double[]> views = new HashMap<>();
      for (Map.Entry<String, CallFeatures> entry : caller.traces.callees.entrySet()) {
        String callee = entry.getKey();
        CallFeatures call = entry.getValue();
        TrafficNormal usual = normal.calls.get(callee);
        if (usual == null || call.calls < settings.minCount()) {
          continue;
        }
        double slower = 0;
        if (usual.timed > 0 && call.meanMs > 0) {
          double own =
              extraOwnMs.computeIfAbsent(
                  callee, c -> extraRequestMs(byName.get(c), recent.service(c)));
          slower =
              positive(
                  (call.meanMs - usual.meanMs - Math.max(0, own))
                      / usual.spreadMs(settings.floorMs(usual.meanMs)));
        }
        views.put(callee, new double[] {slower, excessZ(call.errors, call.calls, usual)});
      }
      seen.put(caller.service, views);
      if (views.size() >= 2) {
        callSide.put(caller.service, Math.max(secondLargest(views, 0), secondLargest(views, 1)));
      }
    }
    for (Map.Entry<String, Map<String, double[]>> caller : seen.entrySet()) {
      // A caller slow on its own side times all its calls slow, but their failures are still its
      // callees'.
      boolean slowSide =
          ownLatency.getOrDefault(caller.getKey(), 0.0) >= CHANGED
              || callSide.getOrDefault(caller.getKey(), 0.0) >= CHANGED;
      boolean failingSide = callSide.getOrDefault(caller.getKey(), 0.0) >= CHANGED;
      for (Map.Entry<String, double[]> view : caller.getValue().entrySet()) {
        delay.merge(view.getKey(), slowSide ? 0.0 : view.getValue()[0], Math::min);
        errors.merge(view.getKey(), failingSide ? 0.0 : view.getValue()[1], Math::min);
      }
    }
  }

  /** The second largest of the views' {@code at} entries. */
  private static double secondLargest(Map<String, double[]> views, int at) {
    double first = 0;
    double second = 0;
    for (double[] view : views.values()) {
      if (view[at] > first) {
        second = first;
        first = view[at];
      } else if (view[at] > second) {
        second = view[at];
      }
    }
    return second;
  }

  /**
   * How much longer than usual the service's requests took on average, by operation; 0 when
   * unknown.
   */
  private static double extraRequestMs(ServiceSlice service, ServiceTraffic normal) {
    if (service == null || service.traces == null || normal == null) {
      return 0;
    }
    double extra = 0;
    long counted = 0;
    for (Map.Entry<String, OperationFeatures> op : service.traces.operations.entrySet()) {
      TrafficNormal usual = normal.operations.get(op.getKey());
      if (usual != null && usual.timed > 0 && Double.isFinite(usual.meanMs)) {
        extra += op.getValue().count * (op.getValue().meanMs - usual.meanMs);
        counted += op.getValue().count;
      }
    }
    return counted == 0 ? 0 : extra / counted;
  }

  /** Errors beyond what the recent share predicts for {@code count} tries. */
  private static double excess(long errors, long count, TrafficNormal usual) {
    return errors - count * share(usual);
  }

  /**
   * {@link #excess} in binomial standard deviations (plus one, so a few tries say little), at least
   * 0.
   */
  static double excessZ(long errors, long count, TrafficNormal usual) {
    double p = share(usual);
    return positive((errors - count * p) / Math.sqrt(count * p * (1 - p) + 1));
  }

  private static double share(TrafficNormal usual) {
    double errors = usual == null ? 0 : usual.errors;
    double count = usual == null ? 0 : usual.count;
    return Math.min(0.99, (errors + PRIOR_ERRORS) / (count + 1));
  }

  private static double positive(double z) {
    return Double.isFinite(z) ? Math.max(0, z) : 0;
  }
}
