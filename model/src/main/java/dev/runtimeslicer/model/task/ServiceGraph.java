package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A system's service dependency graph at one window: every call path of the window's traces, every
 * one its recent calm traffic learned ({@link RecentTraffic}, kept per system in keyed state, so
 * paths the window lacks are still known) and every declared one ({@link KnownEdge}), each with
 * what changed against the recent calm traffic. The localization rules ({@link CalleeWait}, {@link
 * CallerSideDelay}) find a service's callers here; alerts carry its edges. Its edges do not change
 * once built; it is not shared between threads (the callers index is made on first use).
 */
public final class ServiceGraph {

  /**
   * Edges an alert carries at most: a system of thousands of services must not make alerts of
   * megabytes; changed edges go first, then the busiest.
   */
  public static final int MAX_EXPORTED = 256;

  /** An edge's key: who calls whom. */
  private record Path(String caller, String callee) {}

  private static final List<String> BY_PRIORITY =
      List.of(
          ServiceEdge.GONE,
          ServiceEdge.FAILING,
          ServiceEdge.SLOWER,
          ServiceEdge.NEW,
          ServiceEdge.MORE,
          ServiceEdge.FEWER);

  /**
   * Per callee its callers, in the order the edges were added; made on the first question, as most
   * windows' ranking asks none.
   */
  private Map<String, List<String>> callers;

  private final Map<Path, ServiceEdge> edges;

  private ServiceGraph(Map<Path, ServiceEdge> edges) {
    this.edges = edges;
  }

  /** The call paths of {@code slice}'s own traces, with nothing to compare them with. */
  public static ServiceGraph ofWindow(RuntimeSlice slice) {
    return of(slice, null, null, List.of());
  }

  /**
   * The graph of {@code slice}'s system: the window's call paths (in the slice's service order),
   * then those {@code recent} learned (null: none), then the {@code known} ones of the system that
   * touch a service of either; edges are compared with {@code recent} once it is warm under {@code
   * settings}.
   */
  public static ServiceGraph of(
      RuntimeSlice slice,
      RecentTraffic recent,
      TrafficContrastSettings settings,
      List<KnownEdge> known) {
    Map<Path, ServiceEdge> edges = new LinkedHashMap<>();
    double minutes = Math.max(1, slice.windowEndMs - slice.windowStartMs) / 60_000.0;
    Map<String, ServiceSlice> byName = new LinkedHashMap<>();
    for (ServiceSlice service : slice.services) {
      byName.putIfAbsent(service.service, service);
    }
    for (ServiceSlice service : byName.values()) {
      if (service.traces == null) {
        continue;
      }
      for (Map.Entry<String, CallFeatures> call : service.traces.callees.entrySet()) {
        if (call.getKey().equals(service.service)) {
          continue;
        }
        ServiceEdge edge = edge(edges, service.service, call.getKey());
        CallFeatures features = call.getValue();
        edge.callsPerMinute = features.calls / minutes;
        edge.errorShare = features.calls > 0 ? (double) features.errors / features.calls : null;
        edge.meanMs = features.meanMs > 0 ? features.meanMs : null;
      }
    }
    boolean compared = recent != null && settings != null && recent.warm(settings);
    if (recent != null) {
      for (Map.Entry<String, ServiceTraffic> caller : new TreeMap<>(recent.services).entrySet()) {
        for (Map.Entry<String, TrafficNormal> call :
            new TreeMap<>(caller.getValue().calls).entrySet()) {
          if (call.getKey().equals(caller.getKey())) {
            continue;
          }
          ServiceEdge edge = edge(edges, caller.getKey(), call.getKey());
          TrafficNormal usual = call.getValue();
          edge.normalCallsPerMinute = usual.count / minutes;
          edge.normalErrorShare = usual.count > 0 ? Math.min(1, usual.errors / usual.count) : null;
          edge.normalMeanMs =
              usual.timed > 0 && Double.isFinite(usual.meanMs) ? usual.meanMs : null;
          if (compared) {
            edge.change =
                change(
                    byName.get(caller.getKey()), caller.getValue(), usual, call.getKey(), settings);
          }
        }
      }
    }
    if (compared) {
      for (ServiceEdge edge : edges.values()) {
        if (edge.normalCallsPerMinute == null
            && edge.callsPerMinute * minutes >= settings.minCount()) {
          edge.change = ServiceEdge.NEW;
        }
      }
    }
    if (known.isEmpty()) {
      return new ServiceGraph(edges);
    }
    Set<String> services = new TreeSet<>(byName.keySet());
    if (recent != null) {
      services.addAll(recent.services.keySet());
    }
    for (ServiceEdge edge : List.copyOf(edges.values())) {
      services.add(edge.callee);
    }
    for (KnownEdge declared : known) {
      if (declared.appliesTo(slice.system)
          && (services.contains(declared.caller()) || services.contains(declared.callee()))) {
        edge(edges, declared.caller(), declared.callee()).declared = true;
      }
    }
    return new ServiceGraph(edges);
  }

  private static ServiceEdge edge(Map<Path, ServiceEdge> edges, String caller, String callee) {
    return edges.computeIfAbsent(
        new Path(caller, callee),
        k -> {
          ServiceEdge edge = new ServiceEdge();
          edge.caller = caller;
          edge.callee = callee;
          return edge;
        });
  }

  /**
   * What changed on one learned call path, the first of {@link ServiceEdge#GONE}, {@link
   * ServiceEdge#FAILING}, {@link ServiceEdge#SLOWER}, {@link ServiceEdge#MORE}, {@link
   * ServiceEdge#FEWER} that holds by {@link TrafficContrast#CHANGED}; empty when none does or the
   * caller served too few requests in the window to tell. Counts are judged per request of the
   * caller, so a busier hour is not a change.
   */
  private static String change(
      ServiceSlice caller,
      ServiceTraffic callerNormal,
      TrafficNormal usual,
      String callee,
      TrafficContrastSettings settings) {
    long requests = caller == null || caller.traces == null ? 0 : caller.traces.requests;
    if (requests < settings.minCount()) {
      return "";
    }
    CallFeatures call = caller.traces.callees.get(callee);
    long calls = call == null ? 0 : call.calls;
    double perRequest = callerNormal.self.count > 0 ? usual.count / callerNormal.self.count : 0;
    double expected = callerNormal.self.count > 0 ? perRequest * requests : usual.count;
    double countZ = (calls - expected) / Math.sqrt(expected + 1);
    if (calls == 0 && countZ <= -TrafficContrast.CHANGED) {
      return ServiceEdge.GONE;
    }
    if (call != null
        && calls >= settings.minCount()
        && TrafficContrast.excessZ(call.errors, calls, usual) >= TrafficContrast.CHANGED) {
      return ServiceEdge.FAILING;
    }
    if (call != null
        && calls >= settings.minCount()
        && usual.timed > 0
        && call.meanMs > 0
        && (call.meanMs - usual.meanMs) / usual.spreadMs(settings.floorMs(usual.meanMs))
            >= TrafficContrast.CHANGED) {
      return ServiceEdge.SLOWER;
    }
    if (countZ >= TrafficContrast.CHANGED) {
      return ServiceEdge.MORE;
    }
    return countZ <= -TrafficContrast.CHANGED ? ServiceEdge.FEWER : "";
  }

  /** The services that call {@code callee}: the window's callers first, in the slice's order. */
  public List<String> callers(String callee) {
    if (callers == null) {
      Map<String, List<String>> index = new HashMap<>();
      for (ServiceEdge edge : edges.values()) {
        index.computeIfAbsent(edge.callee, c -> new ArrayList<>()).add(edge.caller);
      }
      callers = index;
    }
    return callers.getOrDefault(callee, List.of());
  }

  /** Every edge: the window's, then the learned ones, then the declared ones. Do not modify. */
  public List<ServiceEdge> edges() {
    return List.copyOf(edges.values());
  }

  /** The edges that changed against the recent calm traffic. */
  public List<ServiceEdge> changed() {
    List<ServiceEdge> out = new ArrayList<>();
    for (ServiceEdge edge : edges.values()) {
      if (edge.changed()) {
        out.add(edge);
      }
    }
    return out;
  }

  /**
   * The edges an alert carries, at most {@link #MAX_EXPORTED}: changed ones first (gone, failing,
   * slower, new, more, fewer), then by calls per minute in the window or normally, busiest first;
   * ties by caller and callee.
   */
  public List<ServiceEdge> exported() {
    List<ServiceEdge> out = new ArrayList<>(edges.values());
    out.sort(
        Comparator.comparingInt(ServiceGraph::priority)
            .thenComparing(Comparator.comparingDouble(ServiceGraph::busiest).reversed())
            .thenComparing(e -> e.caller)
            .thenComparing(e -> e.callee));
    return out.size() > MAX_EXPORTED ? new ArrayList<>(out.subList(0, MAX_EXPORTED)) : out;
  }

  private static int priority(ServiceEdge edge) {
    int at = BY_PRIORITY.indexOf(edge.change);
    return at < 0 ? BY_PRIORITY.size() : at;
  }

  private static double busiest(ServiceEdge edge) {
    return Math.max(
        edge.callsPerMinute, edge.normalCallsPerMinute == null ? 0 : edge.normalCallsPerMinute);
  }
}
