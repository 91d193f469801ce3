package dev.runtimeslicer.model.slice;

import static dev.runtimeslicer.model.slice.Records.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliceAssemblerTest {

  private static final SliceSettings SETTINGS =
      new SliceSettings(20_000, 10_000, 8, 8, 8, 8, 8, 8, 1000, 3, 10_000);
  private final Map<String, LogTemplateMiner> miners = new HashMap<>();
  private final LogMessageNormalizer normalizer = new LogMessageNormalizer(64);

  private SystemPane pane(TelemetryRecord... records) {
    SystemPane pane = new SystemPane();
    for (TelemetryRecord record : records) {
      int template = LogTemplateMiner.OVERFLOW;
      String text = null;
      if (record.log != null) {
        LogTemplateMiner miner =
            miners.computeIfAbsent(
                record.service, s -> new LogTemplateMiner(SETTINGS.maxTemplatesPerService()));
        template = miner.match(normalizer.tokens(record.log.body));
        text = miner.template(template);
      }
      pane.add(record, template, text, SETTINGS, bound -> {});
    }
    return pane;
  }

  private RuntimeSlice assemble(SystemPane... panes) {
    return new SliceAssembler(SETTINGS)
        .assemble(
            SYSTEM, 0, 20_000, List.of(panes), (service, id) -> miners.get(service).template(id));
  }

  @Test
  void mergesMetricsOfAllPanes() {
    RuntimeSlice slice =
        assemble(
            pane(
                metric("cart", "cart-0", 1_000, "cpu", 0.5),
                metric("cart", "cart-1", 5_000, "cpu", 0.7)),
            pane(metric("cart", "cart-0", 15_000, "cpu", 0.3)));

    MetricFeatures cpu = slice.service("cart").metrics.get("cpu");
    assertThat(cpu.last).isEqualTo(0.3);
    assertThat(cpu.mean).isCloseTo(0.5, within(1e-12));
    assertThat(cpu.min).isEqualTo(0.3);
    assertThat(cpu.max).isEqualTo(0.7);
    assertThat(cpu.count).isEqualTo(3);
    assertThat(slice.service("cart").instances).containsExactly("cart-0", "cart-1");
  }

  @Test
  void theLastOfPointsExportedAtTheSameTimeDoesNotDependOnTheirOrder() {
    RuntimeSlice oneWay =
        assemble(
            pane(metric("cart", "cart-0", 1_000, "cpu", 0.5)),
            pane(
                metric("cart", "cart-0", 15_000, "cpu", 0.2),
                metric("cart", "cart-1", 15_000, "cpu", 0.6)));
    RuntimeSlice otherWay =
        assemble(
            pane(metric("cart", "cart-0", 1_000, "cpu", 0.5)),
            pane(
                metric("cart", "cart-1", 15_000, "cpu", 0.6),
                metric("cart", "cart-0", 15_000, "cpu", 0.2)));
    // Across panes too: the same timestamp in two panes' stats.
    RuntimeSlice split =
        assemble(
            pane(metric("cart", "cart-1", 15_000, "cpu", 0.6)),
            pane(metric("cart", "cart-0", 15_000, "cpu", 0.2)));

    assertThat(oneWay.service("cart").metrics.get("cpu").last).isEqualTo(0.6);
    assertThat(otherWay.service("cart").metrics.get("cpu").last).isEqualTo(0.6);
    assertThat(split.service("cart").metrics.get("cpu").last).isEqualTo(0.6);
  }

  @Test
  void cumulativeCountersBecomeTheSumOfTheirInstancesRatesPerMinute() {
    String errors = "net.errors" + CumulativeCounters.SUFFIX;
    String reset = "restarts" + CumulativeCounters.SUFFIX;
    String lone = "lone" + CumulativeCounters.SUFFIX;
    RuntimeSlice slice =
        assemble(
            pane(
                metric("cart", "cart-0", 1_000, CumulativeCounters.paneKey(errors, "cart-0"), 1000),
                metric("cart", "cart-1", 2_000, CumulativeCounters.paneKey(errors, "cart-1"), 5),
                metric("cart", "cart-0", 3_000, CumulativeCounters.paneKey(reset, "cart-0"), 40),
                metric("cart", "cart-0", 4_000, CumulativeCounters.paneKey(lone, "cart-0"), 7)),
            pane(
                metric(
                    "cart", "cart-0", 11_000, CumulativeCounters.paneKey(errors, "cart-0"), 1030),
                metric("cart", "cart-1", 12_000, CumulativeCounters.paneKey(errors, "cart-1"), 15),
                metric("cart", "cart-0", 13_000, CumulativeCounters.paneKey(reset, "cart-0"), 2)));

    Map<String, MetricFeatures> metrics = slice.service("cart").metrics;
    // (1030 - 1000) + (15 - 5) = 40 errors in the 20-s window: 120 per minute, whatever the levels.
    assertThat(metrics.get(errors).mean).isCloseTo(120.0, within(1e-9));
    assertThat(metrics.get(errors).last).isEqualTo(metrics.get(errors).mean);
    assertThat(metrics.get(errors).count).isEqualTo(4);
    // A counter that went down (a restart) shows its increase since the reset.
    assertThat(metrics.get(reset).mean).isCloseTo(0.0, within(1e-12));
    // One point says nothing about the increase: no series, and no pane keys leak into the slice.
    assertThat(metrics).containsOnlyKeys(errors, reset);
  }

  @Test
  void deltaCountersBecomeTheSameRatesAsCumulativeOnesFromTheSumOfTheirPoints() {
    String delta = "cart.lookups" + CumulativeCounters.DELTA_SUFFIX;
    RuntimeSlice slice =
        assemble(
            pane(
                metric("cart", "cart-0", 1_000, CumulativeCounters.paneKey(delta, "cart-0"), 4),
                metric("cart", "cart-1", 2_000, CumulativeCounters.paneKey(delta, "cart-1"), 6)),
            pane(
                metric("cart", "cart-0", 11_000, CumulativeCounters.paneKey(delta, "cart-0"), 10)));

    Map<String, MetricFeatures> metrics = slice.service("cart").metrics;
    // 4 + 6 + 10 = 20 lookups in the 20-s window: 60 per minute, under the name a cumulative
    // counter has
    String rate = "cart.lookups" + CumulativeCounters.SUFFIX;
    assertThat(metrics).containsOnlyKeys(rate);
    assertThat(metrics.get(rate).mean).isCloseTo(60.0, within(1e-9));
    assertThat(metrics.get(rate).count).isEqualTo(3);
  }

  @Test
  void summarizesRequestsErrorsLatencyAndOperations() {
    List<TelemetryRecord> requests = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      requests.add(
          request(
              "cart", 1_000 + i, i % 2 == 0 ? "GetCart" : "AddItem", i, i > 95, i, 1_000 + i, 0));
    }
    RuntimeSlice slice = assemble(pane(requests.toArray(TelemetryRecord[]::new)));

    TraceFeatures traces = slice.service("cart").traces;
    assertThat(traces.requests).isEqualTo(100);
    assertThat(traces.errors).isEqualTo(5);
    assertThat(traces.latencyP50Ms).isCloseTo(50, within(1.0));
    assertThat(traces.latencyP90Ms).isCloseTo(90, within(1.5));
    assertThat(traces.latencyP99Ms).isCloseTo(99, within(1.5));
    OperationFeatures getCart = traces.operations.get("GetCart");
    assertThat(getCart.count).isEqualTo(50);
    assertThat(getCart.errors).isEqualTo(3); // 96, 98, 100
    assertThat(getCart.meanMs).isEqualTo(51.0);
    assertThat(getCart.maxMs).isEqualTo(100.0);
    // the first three failing requests, then the three slowest not among them
    assertThat(traces.exemplarTraceIds)
        .containsExactly(traceHex(96), traceHex(97), traceHex(98), traceHex(100), traceHex(99));
  }

  @Test
  void findsCalleesByPeerServiceAndByParentLinks() {
    SystemPane first =
        pane(
            request("frontend", 1_000, "GET /", 30, false, 1, 0xf1, 0),
            span(
                "frontend", 1_001, "GetCart", SpanRecord.KIND_CLIENT, 20, false, 1, 0xf2, 0xf1, ""),
            span(
                "frontend",
                1_002,
                "cache",
                SpanRecord.KIND_CLIENT,
                1,
                true,
                1,
                0xf3,
                0xf1,
                "redis"));
    SystemPane second =
        pane(
            // the callee's request span lands in the next pane; the link still resolves in the
            // window
            request("cart", 10_001, "GetCart", 15, true, 1, 0xc1, 0xf2));

    RuntimeSlice slice = assemble(first, second);

    Map<String, CallFeatures> callees = slice.service("frontend").traces.callees;
    assertThat(callees).containsOnlyKeys("cart", "redis");
    assertThat(callees.get("cart").calls).isEqualTo(1);
    assertThat(callees.get("cart").errors).isEqualTo(1);
    assertThat(callees.get("redis").errors).isEqualTo(1);
    // durations as the caller timed them: its 20 ms span, not the callee's own 15 ms
    assertThat(callees.get("cart").meanMs).isEqualTo(20.0);
    assertThat(callees.get("redis").meanMs).isEqualTo(1.0);
    assertThat(slice.service("cart").traces.callees).isEmpty();
  }

  @Test
  void countsLogsPerSeverityAndTemplate() {
    RuntimeSlice slice =
        assemble(
            pane(
                log("cart", 1_000, 9, "user alice added item 3 to cart"),
                log("cart", 2_000, 9, "user bob added item 7 to cart"),
                log("cart", 3_000, 17, "redis timeout after 500ms")));

    LogFeatures logs = slice.service("cart").logs;
    assertThat(logs.total).isEqualTo(3);
    assertThat(logs.severities).containsExactlyInAnyOrderEntriesOf(Map.of("INFO", 2L, "ERROR", 1L));
    assertThat(logs.templates)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("user <*> added item <*> to cart", 2L, "redis timeout after <*>", 1L));
  }

  @Test
  void countsOverflowInsteadOfStoringIt() {
    List<TelemetryRecord> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      records.add(metric("svc-" + i, "", 1_000, "cpu", 1));
      records.add(metric("svc-0", "", 1_000, "metric-" + i, 1));
    }
    List<String> reported = new ArrayList<>();
    SystemPane pane = new SystemPane();
    records.forEach(r -> pane.add(r, LogTemplateMiner.OVERFLOW, SETTINGS, reported::add));

    RuntimeSlice slice = assemble(pane);

    assertThat(slice.services).hasSize(8);
    assertThat(slice.service("svc-0").metrics).hasSize(8);
    assertThat(slice.overflow).containsEntry("services", 4L).containsEntry("metric_names", 5L);
    assertThat(reported).hasSize(9);
  }

  @Test
  void paneStateRoundTripGivesTheSameSlice() throws Exception {
    SystemPane pane =
        pane(
            metric("cart", "cart-0", 1_000, "cpu", 0.5),
            request("cart", 1_000, "GetCart", 12, true, 1, 0xc1, 0xf2),
            span(
                "frontend", 1_001, "GetCart", SpanRecord.KIND_CLIENT, 20, false, 1, 0xf2, 0xf1, ""),
            log("cart", 3_000, 17, "redis timeout after 500ms"));
    TelemetryRecord taken = metric("cart", "cart-0", 2_000, "cpu", 0.7);
    taken.recordId = 42;
    assertThat(pane.isDuplicate(taken, SETTINGS, bound -> {})).isFalse();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PaneStateCodec.writePane(pane, new DataOutputStream(bytes));

    SystemPane restored =
        PaneStateCodec.readPane(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(SliceJson.write(assemble(restored))).isEqualTo(SliceJson.write(assemble(pane)));
    assertThat(restored.isDuplicate(taken, SETTINGS, bound -> {}))
        .as("a second delivery after a restore")
        .isTrue();
  }

  @Test
  void panesCheckpointedInOlderFormatsStillRestore() throws Exception {
    SystemPane pane =
        pane(
            metric("cart", "cart-0", 1_000, "cpu", 0.5),
            log("cart", 3_000, 17, "redis timeout after 500ms"),
            request("cart", 4_000, "GetCart", 12, false, 7, 0xc7, 0));
    for (int version = PaneStateCodec.OLDEST_READABLE;
        version < PaneStateCodec.VERSION;
        version++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PaneStateCodec.writePane(pane, new DataOutputStream(bytes), version);

      SystemPane restored =
          PaneStateCodec.readPane(
              new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

      // without the pane's template texts the window names its template as the miner reads, here
      // the same
      assertThat(SliceJson.write(assemble(restored)))
          .as("format %d", version)
          .isEqualTo(SliceJson.write(assemble(pane)));
    }
  }

  @Test
  void aWindowNamesItsTemplatesAsItsNewestPaneSawThemNotAsTheMinerReadsLater() {
    SystemPane first = pane(log("cart", 1_000, 9, "user alice added item 3 to cart"));
    SystemPane second = pane(log("cart", 11_000, 9, "user alice added item 3 to cart"));
    // read on before the window closes: a later record widens the template
    pane(log("cart", 21_000, 9, "user bob added item 3 to cart"));

    assertThat(assemble(first, second).service("cart").logs.templates)
        .containsExactlyEntriesOf(Map.of("user alice added item <*> to cart", 2L));
    assertThat(miners.get("cart").template(0)).isEqualTo("user <*> added item <*> to cart");
  }

  @Test
  void sliceJsonRoundTrips() {
    RuntimeSlice slice =
        assemble(pane(metric("cart", "cart-0", 1_000, "cpu", 0.5), log("cart", 3_000, 17, "boom")));

    String json = SliceJson.write(slice);

    assertThat(SliceJson.write(SliceJson.read(json))).isEqualTo(json);
  }
}
