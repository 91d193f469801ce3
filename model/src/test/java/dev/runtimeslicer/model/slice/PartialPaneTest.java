package dev.runtimeslicer.model.slice;

import static dev.runtimeslicer.model.slice.Records.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartialPaneTest {

  private static final SliceSettings SETTINGS =
      new SliceSettings(20_000, 10_000, 8, 8, 8, 8, 8, 8, 1000, 3, 10_000);
  private static final String[] SERVICES = {"frontend", "cart", "payment"};
  private static final String[] BODIES = {
    "user %d added item %d", "cache miss for key %d", "payment declined code %d"
  };
  private final LogMessageNormalizer normalizer = new LogMessageNormalizer(64);

  /**
   * Records of every signal in one pane, with values whose sums are exact in any order, and no two
   * requests equally slow (of equal durations, the exemplar offered first stays, so ties follow
   * arrival).
   */
  private static List<TelemetryRecord> pane() {
    List<TelemetryRecord> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String service = SERVICES[i % SERVICES.length];
      long time = 10 + i * 30L;
      switch (i % 5) {
        case 0 ->
            records.add(metric(service, service + "-" + (i % 2), time, "cpu", (i % 8) * 0.25));
        case 1 ->
            records.add(
                request(
                    service,
                    time,
                    "GET /" + (i % 3),
                    5 + i * 0.125,
                    i % 17 == 0,
                    i,
                    1000 + i,
                    i > 1 ? 999 + i : 0));
        case 2 ->
            records.add(
                span(
                    service,
                    time,
                    "call",
                    SpanRecord.KIND_CLIENT,
                    3 + (i % 10),
                    false,
                    i - 1,
                    998 + i,
                    0,
                    i % 4 == 0 ? "" : SERVICES[(i + 1) % SERVICES.length]));
        default ->
            records.add(
                log(
                    service,
                    time,
                    i % 7 == 0 ? 17 : 9,
                    String.format(BODIES[i % BODIES.length], i, i * 3)));
      }
    }
    return records;
  }

  private static String sliceOf(SystemPane pane, Map<String, LogTemplateMiner> miners) {
    RuntimeSlice slice =
        new SliceAssembler(SETTINGS)
            .assemble(
                SYSTEM,
                0,
                10_000,
                List.of(pane),
                (service, id) -> miners.get(service).template(id));
    return SliceJson.write(slice);
  }

  private SystemPane direct(List<TelemetryRecord> records, Map<String, LogTemplateMiner> miners) {
    SystemPane pane = new SystemPane();
    for (TelemetryRecord record : records) {
      int template = LogTemplateMiner.OVERFLOW;
      String text = null;
      if (record.signal == Signal.LOG) {
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

  /**
   * {@code records} dealt round-robin into {@code parts} parts, as subtasks and flushes would cut
   * them.
   */
  private List<PartialPane> parts(List<TelemetryRecord> records, int parts) {
    List<PartialPane> cut = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      cut.add(new PartialPane(SYSTEM, 0));
    }
    for (int i = 0; i < records.size(); i++) {
      TelemetryRecord record = records.get(i);
      cut.get(i % parts)
          .add(
              record,
              record.signal == Signal.LOG ? normalizer.tokens(record.log.body) : null,
              SETTINGS,
              bound -> {});
    }
    return cut;
  }

  /**
   * What the keyed slicer does with parts: merge each and mine its messages with the system's
   * miners.
   */
  private static SystemPane merged(
      List<PartialPane> parts, Map<String, LogTemplateMiner> miners, List<String> overflowHeard) {
    SystemPane pane = new SystemPane();
    for (PartialPane part : parts) {
      part.mergeInto(pane, SETTINGS, overflowHeard::add);
      part.logMessages()
          .forEach(
              (service, messages) ->
                  messages.forEach(
                      (message, count) -> {
                        LogTemplateMiner miner =
                            miners.computeIfAbsent(
                                service,
                                s -> new LogTemplateMiner(SETTINGS.maxTemplatesPerService()));
                        int id = miner.match(PartialPane.tokens(message));
                        pane.addTemplate(
                            service, id, miner.template(id), count, overflowHeard::add);
                      }));
    }
    return pane;
  }

  @Test
  void aPaneMergedFromPartsSlicesLikeThePaneOfAllItsRecords() {
    List<TelemetryRecord> records = pane();
    Map<String, LogTemplateMiner> directMiners = new HashMap<>();
    String expected = sliceOf(direct(records, directMiners), directMiners);

    for (int parts : new int[] {1, 2, 7}) {
      Map<String, LogTemplateMiner> miners = new HashMap<>();
      List<String> overflow = new ArrayList<>();
      assertThat(sliceOf(merged(parts(records, parts), miners, overflow), miners))
          .as("%d parts", parts)
          .isEqualTo(expected);
      assertThat(overflow).isEmpty();
    }
    assertThat(expected)
        .contains("payment declined code <*>")
        .contains("\"callees\"")
        .contains("exemplarTraceIds");
  }

  @Test
  void aPartSurvivesItsBinaryFormUnchanged() throws IOException {
    List<TelemetryRecord> records = pane();
    PartialPane part = parts(records, 1).get(0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PaneStateCodec.writePartial(part, new DataOutputStream(bytes));
    PartialPane read =
        PaneStateCodec.readPartial(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(read.system).isEqualTo(SYSTEM);
    assertThat(read.recordCount()).isEqualTo(300);
    for (Signal signal : Signal.values()) {
      assertThat(read.recordCount(signal)).isEqualTo(part.recordCount(signal));
      assertThat(read.oldestMs(signal)).isEqualTo(part.oldestMs(signal));
      assertThat(read.newestMs(signal)).isEqualTo(part.newestMs(signal));
    }
    assertThat(read.logMessages()).isEqualTo(part.logMessages());
    Map<String, LogTemplateMiner> once = new HashMap<>();
    Map<String, LogTemplateMiner> afterCodec = new HashMap<>();
    assertThat(sliceOf(merged(List.of(read), afterCodec, new ArrayList<>()), afterCodec))
        .isEqualTo(sliceOf(merged(List.of(part), once, new ArrayList<>()), once));
  }

  @Test
  void mergingHoldsThePanesBoundsAndCountsEveryRecordThatDidNotFit() {
    SliceSettings twoServices =
        new SliceSettings(20_000, 10_000, 2, 1, 8, 8, 8, 8, 1000, 3, 10_000);
    PartialPane first = new PartialPane(SYSTEM, 0);
    first.add(metric("cart", "cart-0", 10, "cpu", 1.0), null, twoServices, bound -> {});
    first.add(metric("frontend", "frontend-0", 20, "cpu", 1.0), null, twoServices, bound -> {});
    PartialPane second = new PartialPane(SYSTEM, 0);
    second.add(metric("cart", "cart-0", 30, "memory", 1.0), null, twoServices, bound -> {});
    second.add(metric("payment", "payment-0", 40, "cpu", 1.0), null, twoServices, bound -> {});
    second.add(metric("payment", "payment-0", 50, "cpu", 2.0), null, twoServices, bound -> {});

    SystemPane pane = new SystemPane();
    List<String> heard = new ArrayList<>();
    first.mergeInto(pane, twoServices, heard::add);
    second.mergeInto(pane, twoServices, heard::add);

    assertThat(pane.services).containsOnlyKeys("cart", "frontend");
    assertThat(pane.services.get("cart").metrics).containsOnlyKeys("cpu");
    assertThat(pane.overflow()).containsEntry("services", 2L).containsEntry("metric_names", 1L);
    assertThat(heard).containsExactlyInAnyOrder("metric_names", "services", "services");
  }

  @Test
  void messagesPastTheirBoundCountUnderTheOverflowTemplate() {
    SliceSettings oneTemplate =
        new SliceSettings(20_000, 10_000, 8, 8, 1, 8, 8, 8, 1000, 3, 10_000);
    PartialPane part = new PartialPane(SYSTEM, 0);
    int distinct = PartialPane.MESSAGES_PER_TEMPLATE + 3;
    for (int i = 0; i < distinct; i++) {
      TelemetryRecord record = log("cart", 10 + i, 9, "message kind" + (char) ('a' + i));
      part.add(record, normalizer.tokens(record.log.body), oneTemplate, bound -> {});
    }
    assertThat(part.logMessages().get("cart")).hasSize(PartialPane.MESSAGES_PER_TEMPLATE);
    assertThat(part.overflowedMessages("cart")).isEqualTo(3);
    assertThat(part.recordCount(Signal.LOG)).isEqualTo(distinct);
  }
}
