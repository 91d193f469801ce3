package dev.runtimeslicer.model.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.OperationFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TrafficContrastTest {

  private static final long SLIDE_MS = 10_000;
  private static final TrafficContrastSettings SETTINGS = TrafficContrastSettings.DEFAULTS;

  /**
   * A shop: frontend calls cart and ads, cart calls cart-db. Each service spends {@code ownMs} in
   * itself per request; a call takes the callee's request time plus 1 ms on the way.
   */
  private static final class Shop {
    double frontendOwnMs = 5;
    double cartOwnMs = 3;
    double adsOwnMs = 4;
    double dbOwnMs = 1;

    /** Extra ms on the way to a service, as every caller sees it. */
    double dbNetworkMs;

    double adsNetworkMs;

    /** Extra ms on all of frontend's calls, from its side. */
    double frontendCallsMs;

    /** Share of cart-db requests failing; failures pass up to cart and frontend. */
    double dbErrorShare;

    long dbTemplateBurst;
    long cartRefusedBurst;
    final Random random = new Random(7);

    RuntimeSlice window(long endMs) {
      double jitter = 1 + 0.05 * random.nextGaussian();
      int requests = 200;
      long dbErrors = Math.round(dbErrorShare * 300);
      double dbMs = dbOwnMs * jitter;
      double dbCallMs = dbMs + 1 + dbNetworkMs;
      double cartMs = cartOwnMs * jitter + 1.5 * dbCallMs;
      double cartCallMs = cartMs + 1 + frontendCallsMs;
      double adsMs = adsOwnMs * jitter;
      double adsCallMs = adsMs + 1 + adsNetworkMs + frontendCallsMs;
      double frontendMs = frontendOwnMs * jitter + cartCallMs + adsCallMs;
      RuntimeSlice slice = new RuntimeSlice();
      slice.system = "shop";
      slice.windowStartMs = endMs - 60_000;
      slice.windowEndMs = endMs;
      slice.services.add(
          service(
              "cart", requests, dbErrors / 2, cartMs, call("cart-db", 300, dbErrors, dbCallMs)));
      slice.services.add(service("cart-db", 300, dbErrors, dbMs));
      ServiceSlice db = slice.services.get(1);
      db.logs.templates.put("query took <*> ms", 30L + random.nextInt(5));
      if (dbTemplateBurst > 0) {
        db.logs.templates.put("deadlock detected on table <*>", dbTemplateBurst);
      }
      if (cartRefusedBurst > 0) {
        slice
            .services
            .get(0)
            .logs
            .templates
            .put("query to cart-db failed: connection refused cart-db:5432", cartRefusedBurst);
      }
      slice.services.add(service("ads", requests, 0, adsMs));
      slice.services.add(
          service(
              "frontend",
              requests,
              dbErrors / 2,
              frontendMs,
              call("cart", requests, dbErrors / 2, cartCallMs),
              call("ads", requests, 0, adsCallMs)));
      return slice;
    }
  }

  private record Call(String callee, long calls, long errors, double meanMs) {}

  private static ServiceSlice service(
      String name, long requests, long errors, double meanMs, Call... calls) {
    ServiceSlice service = new ServiceSlice();
    service.service = name;
    service.traces.requests = requests;
    service.traces.errors = errors;
    service.traces.spans = requests;
    OperationFeatures op = new OperationFeatures();
    op.count = requests;
    op.errors = errors;
    op.meanMs = meanMs;
    op.maxMs = 3 * meanMs;
    service.traces.operations.put("handle", op);
    for (Call call : calls) {
      CallFeatures features = new CallFeatures();
      features.calls = call.calls();
      features.errors = call.errors();
      features.meanMs = call.meanMs();
      service.traces.callees.put(call.callee(), features);
    }
    return service;
  }

  private static Call call(String callee, long calls, long errors, double meanMs) {
    return new Call(callee, calls, errors, meanMs);
  }

  /** An hour of the calm shop learned, then one window with {@code fault} applied. */
  private static TrafficContrast incident(Consumer<Shop> fault) {
    Shop shop = new Shop();
    RecentTraffic recent = new RecentTraffic();
    long endMs = 1_000_000;
    for (int i = 0; i < 360; i++) {
      endMs += SLIDE_MS;
      recent.learn(shop.window(endMs), SETTINGS);
    }
    fault.accept(shop);
    return TrafficContrast.of(shop.window(endMs + SLIDE_MS), recent, SETTINGS);
  }

  @Test
  void calmWindowsChangeNothingMuch() {
    TrafficContrast contrast = incident(shop -> {});
    for (String service : List.of("frontend", "cart", "cart-db", "ads")) {
      assertTrue(
          contrast.change(service).score() < TrafficContrast.CHANGED,
          service + ": " + contrast.change(service));
    }
  }

  @Test
  void aServiceSlowInItselfLeadsNotTheCallersWaitingOnIt() {
    TrafficContrast contrast = incident(shop -> shop.dbOwnMs = 6);
    assertEquals("cart-db", contrast.ranked().get(0), contrast.changes().toString());
    assertTrue(
        contrast.change("cart").ownLatency() < TrafficContrast.CHANGED,
        contrast.change("cart").toString());
    assertTrue(contrast.change("frontend").ownLatency() < TrafficContrast.CHANGED);
  }

  @Test
  void theEvidenceShowsTheLargestChangeAgainstTheRecentNormal() {
    TrafficContrast contrast = incident(shop -> shop.dbNetworkMs = 4);
    dev.runtimeslicer.model.task.AlertEvidence first = contrast.evidence().get(0);
    assertEquals("cart-db", first.service);
    assertEquals("calls from cart (ms)", first.feature);
    assertEquals(2.0, first.normal, 0.3);
    assertEquals(6.0, first.current, 0.5);
    TrafficContrast logs = incident(shop -> shop.cartRefusedBurst = 40);
    assertEquals(
        "log \"query to cart-db failed: connection refused cart-db:5432\" per window",
        logs.evidence().get(0).feature);
    assertEquals("cart", logs.evidence().get(0).service);
    assertEquals(40.0, logs.evidence().get(0).current);
    assertTrue(incident(shop -> {}).evidence().isEmpty());
  }

  @Test
  void errorsPassDownToTheServiceWhoseCallsDoNotFail() {
    TrafficContrast contrast = incident(shop -> shop.dbErrorShare = 0.2);
    assertEquals("cart-db", contrast.ranked().get(0), contrast.changes().toString());
    assertEquals(0.0, contrast.change("cart").ownErrors());
    assertEquals(0.0, contrast.change("frontend").ownErrors());
    assertTrue(contrast.change("cart-db").ownErrors() > TrafficContrast.CHANGED);
  }

  @Test
  void aDelayOnTheWayToACalleeBlamesTheCalleeItsOwnSpansDoNotShowIt() {
    TrafficContrast contrast = incident(shop -> shop.dbNetworkMs = 4);
    assertEquals("cart-db", contrast.ranked().get(0), contrast.changes().toString());
    assertTrue(contrast.change("cart-db").callerDelay() > TrafficContrast.CHANGED);
    assertTrue(contrast.change("cart-db").ownLatency() < TrafficContrast.CHANGED);
  }

  @Test
  void allOfACallersCallsSlowBlameTheCallerNotItsCallees() {
    TrafficContrast contrast = incident(shop -> shop.frontendCallsMs = 5);
    assertEquals("frontend", contrast.ranked().get(0), contrast.changes().toString());
    assertTrue(
        contrast.change("ads").callerDelay() < TrafficContrast.CHANGED,
        contrast.change("ads").toString());
    assertTrue(contrast.change("cart").callerDelay() < TrafficContrast.CHANGED);
  }

  @Test
  void aBurstOfANewLogTemplateShowsAtItsService() {
    TrafficContrast contrast = incident(shop -> shop.dbTemplateBurst = 25);
    assertEquals("cart-db", contrast.ranked().get(0));
    assertTrue(contrast.change("cart-db").ownLogs() > TrafficContrast.CHANGED);
  }

  @Test
  void aCallersLogsNamingACalleeAreAboutTheCallee() {
    TrafficContrast contrast = incident(shop -> shop.cartRefusedBurst = 40);
    assertEquals("cart-db", contrast.ranked().get(0), contrast.changes().toString());
    assertTrue(contrast.change("cart-db").namedInLogs() > TrafficContrast.CHANGED);
    assertTrue(
        contrast.change("cart").ownLogs() < TrafficContrast.CHANGED,
        contrast.change("cart").toString());
  }

  @Test
  void nothingIsComparedBeforeTheWarmUp() {
    Shop shop = new Shop();
    RecentTraffic recent = new RecentTraffic();
    long endMs = 1_000_000;
    List<Boolean> warm = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      endMs += SLIDE_MS;
      recent.learn(shop.window(endMs), SETTINGS);
      warm.add(recent.warm(SETTINGS));
    }
    // Ten minutes of 10 s steps: warm from the 61st window on.
    assertFalse(warm.get(59));
    assertTrue(warm.get(60));
    shop.dbOwnMs = 6;
    RecentTraffic cold = new RecentTraffic();
    cold.learn(shop.window(endMs), SETTINGS);
    assertFalse(TrafficContrast.of(shop.window(endMs + SLIDE_MS), cold, SETTINGS).compared());
  }

  @Test
  void anOutlierMovesTheNormalByAtMostItsCap() {
    TrafficNormal normal = new TrafficNormal();
    for (int i = 0; i < 200; i++) {
      normal.update(0.01, 100, 0, i % 2 == 0 ? 9 : 11, 0.5);
    }
    double before = normal.meanMs;
    double spread = normal.spreadMs(0.5);
    normal.update(0.01, 100, 0, 10_000, 0.5);
    assertTrue(
        normal.meanMs - before <= 0.01 * TrafficNormal.CAP * spread + 1e-9,
        normal.meanMs + " from " + before);
  }

  @Test
  void windowsOlderThanTheLastLearnedAreSkipped() {
    Shop shop = new Shop();
    RecentTraffic recent = new RecentTraffic();
    recent.learn(shop.window(2_000_000), SETTINGS);
    recent.learn(shop.window(1_990_000), SETTINGS);
    assertEquals(1, recent.windows);
    assertEquals(2_000_000, recent.lastWindowEndMs);
  }

  @Test
  void keysThatStopFadeAway() {
    Shop shop = new Shop();
    RecentTraffic recent = new RecentTraffic();
    long endMs = 1_000_000;
    shop.dbTemplateBurst = 3;
    for (int i = 0; i < 10; i++) {
      endMs += SLIDE_MS;
      recent.learn(shop.window(endMs), SETTINGS);
    }
    assertTrue(
        recent.services.get("cart-db").templates.containsKey("deadlock detected on table <*>"));
    shop.dbTemplateBurst = 0;
    for (int i = 0; i < 2000; i++) {
      endMs += SLIDE_MS;
      recent.learn(shop.window(endMs), SETTINGS);
    }
    assertFalse(
        recent.services.get("cart-db").templates.containsKey("deadlock detected on table <*>"));
  }
}
