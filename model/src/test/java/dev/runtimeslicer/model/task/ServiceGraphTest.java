package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceGraphTest {

  private static final TrafficContrastSettings SETTINGS = TrafficContrastSettings.DEFAULTS;
  private static final long WINDOW_MS = 60_000;

  /** frontend calls cart once and ads once per request; cart calls cart-db twice per request. */
  private static final class Shop {
    double load = 1;
    double dbCallsPerCartRequest = 2;
    double dbErrorShare;
    double dbExtraMs;
    boolean adsCalled = true;
    boolean cartCallsRedis;
    final Random random = new Random(11);

    RuntimeSlice window(long endMs) {
      long requests = Math.round(200 * load * (1 + 0.05 * random.nextGaussian()));
      double jitter = 1 + 0.05 * random.nextGaussian();
      long dbCalls = Math.round(dbCallsPerCartRequest * requests);
      RuntimeSlice slice = new RuntimeSlice();
      slice.system = "shop";
      slice.windowStartMs = endMs - WINDOW_MS;
      slice.windowEndMs = endMs;
      Map<String, CallFeatures> cartCalls = new TreeMap<>();
      cartCalls.put(
          "cart-db", call(dbCalls, Math.round(dbErrorShare * dbCalls), 2 * jitter + dbExtraMs));
      if (cartCallsRedis) {
        cartCalls.put("redis", call(requests, 0, 1));
      }
      slice.services.add(service("ads", requests, Map.of()));
      slice.services.add(service("cart", requests, cartCalls));
      slice.services.add(service("cart-db", dbCalls, Map.of()));
      Map<String, CallFeatures> frontendCalls = new TreeMap<>();
      frontendCalls.put("cart", call(requests, 0, 8 * jitter));
      if (adsCalled) {
        frontendCalls.put("ads", call(requests, 0, 4 * jitter));
      }
      slice.services.add(service("frontend", requests, frontendCalls));
      return slice;
    }
  }

  private static ServiceSlice service(String name, long requests, Map<String, CallFeatures> calls) {
    ServiceSlice service = new ServiceSlice();
    service.service = name;
    service.traces.requests = requests;
    service.traces.spans = requests;
    service.traces.callees.putAll(calls);
    return service;
  }

  private static CallFeatures call(long calls, long errors, double meanMs) {
    CallFeatures call = new CallFeatures();
    call.calls = calls;
    call.errors = errors;
    call.meanMs = meanMs;
    return call;
  }

  /** Three calm hours learned, then one window with {@code fault} applied. */
  private static ServiceGraph incident(Consumer<Shop> fault, List<KnownEdge> known) {
    Shop shop = new Shop();
    RecentTraffic recent = new RecentTraffic();
    long endMs = 10 * WINDOW_MS;
    for (int i = 0; i < 180; i++) {
      endMs += WINDOW_MS;
      recent.learn(shop.window(endMs), SETTINGS);
    }
    fault.accept(shop);
    return ServiceGraph.of(shop.window(endMs + WINDOW_MS), recent, SETTINGS, known);
  }

  private static Map<String, String> changes(ServiceGraph graph) {
    return graph.edges().stream()
        .collect(Collectors.toMap(ServiceEdge::toString, e -> e.change, (a, b) -> a, TreeMap::new));
  }

  private static ServiceEdge edge(ServiceGraph graph, String caller, String callee) {
    return graph.edges().stream()
        .filter(e -> e.caller.equals(caller) && e.callee.equals(callee))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theWindowAloneGivesItsCallPathsAndCallersInSliceOrder() {
    Shop shop = new Shop();
    RuntimeSlice window = shop.window(WINDOW_MS);
    window.services.get(1).traces.callees.put("cart", call(3, 0, 1));
    ServiceGraph graph = ServiceGraph.ofWindow(window);

    assertThat(graph.edges())
        .extracting(ServiceEdge::toString)
        .containsExactly("cart -> cart-db", "frontend -> ads", "frontend -> cart");
    assertThat(graph.callers("cart")).containsExactly("frontend");
    assertThat(graph.callers("frontend")).isEmpty();
    assertThat(graph.changed()).isEmpty();
    ServiceEdge db = edge(graph, "cart", "cart-db");
    assertThat(db.callsPerMinute)
        .isEqualTo(window.services.get(1).traces.callees.get("cart-db").calls);
    assertThat(db.normalCallsPerMinute).isNull();
  }

  @Test
  void aCalmWindowChangesNoEdgeEvenAtDoubleLoad() {
    assertThat(incident(shop -> {}, List.of()).changed()).isEmpty();
    ServiceGraph busy = incident(shop -> shop.load = 2, List.of());
    assertThat(busy.changed()).isEmpty();
    assertThat(edge(busy, "frontend", "cart").normalCallsPerMinute)
        .isCloseTo(200, org.assertj.core.data.Offset.offset(20.0));
  }

  @Test
  void eachKindOfChangeIsNamedOnItsEdgeOnly() {
    assertThat(changes(incident(shop -> shop.adsCalled = false, List.of())))
        .containsEntry("frontend -> ads: gone", ServiceEdge.GONE)
        .containsEntry("frontend -> cart", "")
        .containsEntry("cart -> cart-db", "");
    assertThat(changes(incident(shop -> shop.dbErrorShare = 0.2, List.of())))
        .containsEntry("cart -> cart-db: failing", ServiceEdge.FAILING)
        .containsEntry("frontend -> ads", "");
    assertThat(changes(incident(shop -> shop.dbExtraMs = 50, List.of())))
        .containsEntry("cart -> cart-db: slower", ServiceEdge.SLOWER);
    assertThat(changes(incident(shop -> shop.dbCallsPerCartRequest = 6, List.of())))
        .containsEntry("cart -> cart-db: more", ServiceEdge.MORE);
    assertThat(changes(incident(shop -> shop.dbCallsPerCartRequest = 0.5, List.of())))
        .containsEntry("cart -> cart-db: fewer", ServiceEdge.FEWER);
    ServiceGraph added = incident(shop -> shop.cartCallsRedis = true, List.of());
    assertThat(changes(added)).containsEntry("cart -> redis: new", ServiceEdge.NEW);
    assertThat(added.callers("redis")).containsExactly("cart");
  }

  @Test
  void aGoneEdgeKeepsItsCallerForTheRules() {
    ServiceGraph graph = incident(shop -> shop.adsCalled = false, List.of());
    assertThat(graph.callers("ads")).containsExactly("frontend");
    ServiceEdge ads = edge(graph, "frontend", "ads");
    assertThat(ads.callsPerMinute).isZero();
    assertThat(ads.normalCallsPerMinute).isGreaterThan(150);
  }

  @Test
  void declaredEdgesJoinTheirSystemsGraphOnly() {
    List<KnownEdge> known =
        List.of(
            KnownEdge.parse("cart->cart-cache"),
            KnownEdge.parse("shop: ads -> ads-db"),
            KnownEdge.parse("bank:frontend->ledger"),
            KnownEdge.parse("mail->smtp"));
    ServiceGraph graph = incident(shop -> {}, known);

    assertThat(edge(graph, "cart", "cart-cache").declared).isTrue();
    assertThat(edge(graph, "ads", "ads-db").declared).isTrue();
    assertThat(graph.edges())
        .extracting(ServiceEdge::toString)
        .doesNotContain("frontend -> ledger", "mail -> smtp");
    assertThat(edge(graph, "cart", "cart-db").declared).isFalse();
    assertThat(graph.changed()).isEmpty();
  }

  @Test
  void knownEdgesThatAreNotCallerArrowCalleeAreRefusedWithTheForm() {
    assertThatThrownBy(() -> KnownEdge.parse("cart,cart-db"))
        .hasMessageContaining("caller->callee");
    assertThatThrownBy(() -> KnownEdge.parse("a->b->c")).hasMessageContaining("caller->callee");
    assertThatThrownBy(() -> KnownEdge.parse("->b")).hasMessageContaining("caller and a callee");
    assertThatThrownBy(() -> KnownEdge.parse(":a->b")).hasMessageContaining("empty system");
    assertThat(KnownEdge.parse("shop:a->b")).isEqualTo(new KnownEdge("shop", "a", "b"));
  }

  @Test
  void exportedEdgesAreBoundedWithChangedOnesFirst() {
    RuntimeSlice window = new RuntimeSlice();
    window.system = "big";
    window.windowEndMs = WINDOW_MS;
    Map<String, CallFeatures> calls = new TreeMap<>();
    for (int i = 0; i < ServiceGraph.MAX_EXPORTED + 50; i++) {
      calls.put(String.format("callee-%04d", i), call(i + 1, 0, 1));
    }
    window.services.add(service("gateway", 1000, calls));
    ServiceGraph graph = ServiceGraph.ofWindow(window);

    List<ServiceEdge> exported = graph.exported();
    assertThat(exported).hasSize(ServiceGraph.MAX_EXPORTED);
    assertThat(exported.get(0).callee)
        .isEqualTo(String.format("callee-%04d", ServiceGraph.MAX_EXPORTED + 49));

    ServiceGraph changed = incident(shop -> shop.dbErrorShare = 0.2, List.of());
    List<String> order = new ArrayList<>();
    changed.exported().forEach(e -> order.add(e.toString()));
    assertThat(order.get(0)).isEqualTo("cart -> cart-db: failing");
  }
}
