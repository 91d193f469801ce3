package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.operators.slice.PaneSliceOperator;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Heap held by the slicing operator's state (panes, clocks, template miners on the heap backend)
 * for one system fed a million records of unbounded cardinality: distinct log lines, distinct
 * attribute values on one metric, or a hundred thousand service names, against ordinary traffic.
 * Each scenario runs the real {@link PaneSliceOperator} in Flink's operator test harness at the
 * default settings; the retained heap is measured after full collections, with the slices it
 * emitted dropped.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.runtimeslicer.bench.SlicerStateFootprint [records]
 * </pre>
 */
public final class SlicerStateFootprint {

  private static final long T0 = 1_767_225_600_000L;

  /** The records spread over this much event time: all of them in the open windows at once. */
  private static final long SPREAD_MS = 60_000;

  private static final SliceSettings SETTINGS = SliceSettings.defaults();

  private SlicerStateFootprint() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    System.out.printf(
        Locale.ROOT,
        "records per scenario: %,d; limits: %d services, %d series and %d templates per service%n",
        records,
        SETTINGS.maxServicesPerSystem(),
        SETTINGS.maxMetricNamesPerService(),
        SETTINGS.maxTemplatesPerService());
    System.out.println("| scenario | retained heap (MB) | vs ordinary traffic |");
    System.out.println("| --- | --- | --- |");
    SplittableRandom random = new SplittableRandom(17);
    double ordinary =
        measure(
            "ordinary traffic: 20 services, 50 series and 30 log templates each",
            records,
            i -> ordinary(i, records));
    report(
        "ordinary traffic: 20 services, 50 series and 30 log templates each", ordinary, ordinary);
    report(
        "distinct log lines in one service",
        measure("templates", records, i -> distinctLogLine(i, records, random)),
        ordinary);
    report(
        "distinct attribute values on one metric",
        measure("attributes", records, i -> distinctSeries(i, records)),
        ordinary);
    report(
        "100,000 service names",
        measure("services", records, i -> manyServices(i, records)),
        ordinary);
  }

  private static void report(String scenario, double megabytes, double ordinary) {
    System.out.printf(
        Locale.ROOT, "| %s | %.1f | %.2fx |%n", scenario, megabytes, megabytes / ordinary);
  }

  /** Megabytes of heap the operator holds after {@code records} records made by {@code record}. */
  private static double measure(String name, int records, LongFunction<TelemetryRecord> record)
      throws Exception {
    long before = usedAfterGc();
    KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            PaneSliceOperator.forRecords(
                SETTINGS, EventTimeSettings.defaults(), Duration.ofDays(1)),
            r -> r.system,
            Types.STRING);
    harness.open();
    for (int i = 0; i < records; i++) {
      TelemetryRecord next = record.apply(i);
      harness.processElement(new StreamRecord<>(next, next.timestampMs));
      if (i % 10_000 == 0) {
        harness.getOutput().clear(); // the slices emitted are the sink's, not the operator's
      }
    }
    harness.getOutput().clear();
    double megabytes = (usedAfterGc() - before) / 1e6;
    harness.close();
    return megabytes;
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long time(long i, int records) {
    return T0 + i * SPREAD_MS / records;
  }

  private static TelemetryRecord ordinary(long i, int records) {
    String service = "svc-" + (i % 20);
    long t = time(i, records);
    return switch ((int) (i % 3)) {
      case 0 -> metric(service, t, "series-" + (i / 3 % 50), i % 100);
      case 1 -> span(service, t, i);
      default -> log(service, t, "template " + (i / 3 % 30) + " handled request " + i);
    };
  }

  private static TelemetryRecord distinctLogLine(long i, int records, SplittableRandom random) {
    StringBuilder words = new StringBuilder();
    for (int w = 0; w < 6; w++) {
      // letters only, so the normalizer does not mask them as variables
      words
          .append(w == 0 ? "" : " ")
          .append((char) ('a' + random.nextInt(26)))
          .append((char) ('a' + random.nextInt(26)))
          .append((char) ('a' + random.nextInt(26)))
          .append((char) ('a' + random.nextInt(26)));
    }
    return log("api", time(i, records), words.toString());
  }

  private static TelemetryRecord distinctSeries(long i, int records) {
    return metric("api", time(i, records), "requests{user.id=user-" + i + "}", 1);
  }

  private static TelemetryRecord manyServices(long i, int records) {
    String service = "svc-" + (i % 100_000);
    long t = time(i, records);
    return i % 2 == 0 ? span(service, t, i) : log(service, t, "started worker");
  }

  private static TelemetryRecord metric(String service, long t, String name, double value) {
    TelemetryRecord record = TelemetryRecord.of(Signal.METRIC, "shop", service, service + "-0", t);
    record.metric = new MetricPoint(name, value);
    record.recordId = Double.doubleToLongBits(value) * 31 + name.hashCode() * 17L + t;
    return record;
  }

  private static TelemetryRecord span(String service, long t, long i) {
    TelemetryRecord record = TelemetryRecord.of(Signal.SPAN, "shop", service, service + "-0", t);
    record.span = new SpanRecord();
    record.span.traceIdLow = i;
    record.span.spanId = i + 1;
    record.span.parentSpanId = i % 2 == 0 ? 0 : i;
    record.span.operation = "GET /";
    record.span.kind = SpanRecord.KIND_SERVER;
    record.span.durationMs = 5 + i % 50;
    record.recordId = i * 2 + 1;
    return record;
  }

  private static TelemetryRecord log(String service, long t, String body) {
    TelemetryRecord record = TelemetryRecord.of(Signal.LOG, "shop", service, service + "-0", t);
    record.log = new LogRecord();
    record.log.severityNumber = 9;
    record.log.body = body;
    record.recordId = body.hashCode() * 1_000_003L + t;
    return record;
  }
}
