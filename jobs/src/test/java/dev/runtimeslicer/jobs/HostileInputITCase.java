package dev.runtimeslicer.jobs;

import static dev.runtimeslicer.testkit.OtlpRequests.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.operators.sink.DeadLetterKafkaSerializer;
import dev.runtimeslicer.testkit.KafkaBrokerExtension;
import dev.runtimeslicer.testkit.KafkaKRaftBroker;
import dev.runtimeslicer.testkit.TopicReader;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The slicing job on Kafka, at its default settings, fed a known system ("shop") twice: once alone,
 * once interleaved with every kind of bad or hostile input a Collector fleet can send. The job
 * keeps running, every bad message is a dead letter with a reason or is bounded and counted in its
 * own system's slices, and shop's slices are byte-identical in both runs.
 */
class HostileInputITCase {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int BIG = 10 * 1024 * 1024;

  /** Topics and producer take messages up to the job's own limit (limits.message-bytes, 16 MiB). */
  private static final int TOPIC_LIMIT = 16 * 1024 * 1024;

  private static final Map<String, String> TOPIC_CONFIGS =
      Map.of("max.message.bytes", Integer.toString(TOPIC_LIMIT));

  private final long t0 = (System.currentTimeMillis() - 15 * 60_000) / 60_000 * 60_000;
  private final TelemetryScenario shop = new TelemetryScenario(t0);

  /** The last window holding shop's data starts at its last pane, t0 + 40 s. */
  private final long lastWindowStart = t0 + 40_000;

  @Test
  void badInputIsDeadLetteredOrBoundedAndTheGoodSystemsSlicesDoNotChange() throws Exception {
    SliceJobTopics clean = SliceJobTopics.create(KAFKA.broker(), "clean", TOPIC_CONFIGS);
    send(clean, false);
    List<String> alone = shopSlices(run(clean, () -> {}));

    SliceJobTopics hostile = SliceJobTopics.create(KAFKA.broker(), "hostile", TOPIC_CONFIGS);
    send(hostile, true);
    List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
    List<RuntimeSlice> all =
        run(
            hostile,
            () -> {
              letters.addAll(
                  TopicReader.readUntil(
                      KAFKA.broker(),
                      hostile.deadLetters(),
                      records -> records.size() >= 11,
                      WAIT));
              // the noisy system falls silent after its flood: its windows close after the idleness
              TopicReader.readUntil(
                  KAFKA.broker(),
                  hostile.slices(),
                  records ->
                      records.stream()
                          .anyMatch(r -> SliceJson.read(value(r)).system.equals("noisy")),
                  WAIT);
            });

    assertThat(alone).hasSize(10); // windows starting t0 - 50 s .. t0 + 40 s
    assertThat(shopSlices(all)).as("shop's slices among hostile input").isEqualTo(alone);

    Map<String, Long> categories =
        letters.stream()
            .collect(
                Collectors.groupingBy(
                    r -> header(r, DeadLetterKafkaSerializer.CATEGORY), Collectors.counting()));
    // truncated protobuf, random bytes, a span request on the metrics topic, JSON on a protobuf
    // topic, 10 MB of garbage
    assertThat(categories)
        .containsEntry("malformed", 5L)
        .containsEntry("missing_service_name", 1L)
        .containsEntry("non_finite", 2L)
        .containsEntry("zero_timestamp", 1L)
        .containsEntry("future_timestamp", 1L)
        .containsEntry("late", 1L); // the point from 1990
    assertThat(letters)
        .allSatisfy(
            letter -> {
              assertThat(header(letter, DeadLetterKafkaSerializer.REASON)).isNotBlank();
              assertThat(letter.value().length)
                  .isLessThanOrEqualTo(1024 * 1024); // the producer's default max.request.size
            });
    ConsumerRecord<byte[], byte[]> big =
        letters.stream()
            .filter(r -> r.headers().lastHeader(DeadLetterKafkaSerializer.TRUNCATED) != null)
            .findFirst()
            .orElseThrow();
    assertThat(header(big, DeadLetterKafkaSerializer.ORIGINAL_BYTES))
        .isEqualTo(Integer.toString(BIG));
    assertThat(header(big, DeadLetterKafkaSerializer.SOURCE_TOPIC)).isEqualTo(hostile.spans());

    // the flood of names and series is cut at the bounds and counted in its own system's slices
    List<RuntimeSlice> noisy = all.stream().filter(s -> s.system.equals("noisy")).toList();
    assertThat(noisy)
        .isNotEmpty()
        .allSatisfy(
            slice -> {
              assertThat(slice.services.size()).isLessThanOrEqualTo(512);
              assertThat(slice.services)
                  .allSatisfy(
                      service -> assertThat(service.metrics.size()).isLessThanOrEqualTo(256));
            });
    assertThat(noisy)
        .anySatisfy(slice -> assertThat(slice.overflow).containsKeys("services", "metric_names"));
  }

  /**
   * Shop's telemetry (with hostile input: each message twice, and the topic's hostile input after
   * the first), then a tick.
   */
  private void send(SliceJobTopics topics, boolean withHostileInput) throws Exception {
    List<ProducerRecord<byte[], byte[]>> metrics = new ArrayList<>();
    List<ProducerRecord<byte[], byte[]>> spans = new ArrayList<>();
    List<ProducerRecord<byte[], byte[]>> logs = new ArrayList<>();
    // at-least-once Collectors: with hostile input, every batch of shop's comes twice, the retry
    // right after
    int copies = withHostileInput ? 2 : 1;
    for (int copy = 0; copy < copies; copy++) {
      shop.metricRequests()
          .forEach(m -> metrics.add(new ProducerRecord<>(topics.metrics(), m.toByteArray())));
      shop.spanRequests()
          .forEach(s -> spans.add(new ProducerRecord<>(topics.spans(), s.toByteArray())));
      shop.logRequests()
          .forEach(l -> logs.add(new ProducerRecord<>(topics.logs(), l.toByteArray())));
    }
    if (withHostileInput) {
      for (List<ProducerRecord<byte[], byte[]>> topic : List.of(metrics, spans, logs)) {
        List<ProducerRecord<byte[], byte[]>> once =
            new ArrayList<>(topic.subList(0, topic.size() / 2));
        topic.clear();
        once.forEach(record -> topic.addAll(List.of(record, record)));
      }
      metrics.addAll(1, hostileMetrics(topics.metrics()));
      spans.addAll(1, hostileSpans(topics.spans()));
      logs.addAll(1, hostileLogs(topics.logs()));
    }
    long tick = t0 + 5 * 60_000; // moves shop's clock past its windows
    metrics.add(
        new ProducerRecord<>(
            topics.metrics(), metrics(shop.cart, gauge("cpu", tick, 0.1)).toByteArray()));
    spans.add(
        new ProducerRecord<>(
            topics.spans(),
            spans(
                    shop.cart,
                    span(
                        TelemetryScenario.trace(10),
                        "000000000000000a",
                        null,
                        "Get",
                        Span.SpanKind.SPAN_KIND_SERVER,
                        tick,
                        1))
                .toByteArray()));
    logs.add(
        new ProducerRecord<>(topics.logs(), logs(shop.cart, log(tick, 9, "tick")).toByteArray()));
    try (KafkaProducer<byte[], byte[]> producer =
        TopicReader.producer(
            KAFKA.broker(),
            Map.of(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                TOPIC_LIMIT,
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                4L * TOPIC_LIMIT))) {
      for (List<ProducerRecord<byte[], byte[]>> topic : List.of(metrics, spans, logs)) {
        for (ProducerRecord<byte[], byte[]> record : topic) {
          producer.send(record).get();
        }
      }
    }
  }

  private List<ProducerRecord<byte[], byte[]>> hostileMetrics(String topic) {
    long t = t0 + 20_000;
    List<byte[]> bad = new ArrayList<>();
    byte[] good = shop.metricRequests().get(1).toByteArray();
    bad.add(java.util.Arrays.copyOf(good, good.length / 2)); // truncated protobuf
    bad.add(shop.spanRequests().get(0).toByteArray()); // a valid span request on the metrics topic
    bad.add(
        metrics(shop.cart, gauge("cpu", t, Double.NaN), gauge("cpu", t, Double.POSITIVE_INFINITY))
            .toByteArray());
    bad.add(metrics(shop.cart, gauge("cpu", 0, 0.5)).toByteArray());
    bad.add(
        metrics(shop.cart, gauge("cpu", Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), 0.5))
            .toByteArray());
    bad.add(
        metrics(shop.cart, gauge("cpu", Instant.parse("1990-01-01T00:00:00Z").toEpochMilli(), 0.5))
            .toByteArray());
    // one metric with 100,000 distinct attribute values, in a system of its own
    Gauge.Builder userSeries = Gauge.newBuilder();
    for (int i = 0; i < 100_000; i++) {
      userSeries.addDataPoints(
          NumberDataPoint.newBuilder()
              .setTimeUnixNano(t * 1_000_000L)
              .setAsDouble(i)
              .addAttributes(attribute("user.id", "user-" + i)));
    }
    bad.add(
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .setResource(resource("noisy", "api", "api-0"))
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(
                                Metric.newBuilder().setName("requests").setGauge(userSeries))))
            .build()
            .toByteArray());
    return records(topic, bad);
  }

  private List<ProducerRecord<byte[], byte[]>> hostileSpans(String topic) {
    long t = t0 + 20_000;
    List<byte[]> bad = new ArrayList<>();
    Random random = new Random(24);
    byte[] noise = new byte[1024];
    random.nextBytes(noise);
    bad.add(noise); // random bytes
    byte[] huge = new byte[BIG];
    random.nextBytes(huge);
    bad.add(huge); // a 10 MB message, garbage too
    bad.add(
        spans(
                resource("shop", null, "ghost-1"),
                span(
                    TelemetryScenario.trace(9),
                    "0000000000000009",
                    null,
                    "GET /",
                    Span.SpanKind.SPAN_KIND_SERVER,
                    t,
                    5))
            .toByteArray()); // no service.name
    // 5,000 new service names in one system within a minute
    ExportTraceServiceRequest.Builder flood = ExportTraceServiceRequest.newBuilder();
    for (int i = 0; i < 5_000; i++) {
      flood.addAllResourceSpans(
          spans(
                  resource("noisy", "svc-" + i, "svc-" + i + "-0"),
                  span(
                      TelemetryScenario.trace(100 + i),
                      String.format("%016x", 100 + i),
                      null,
                      "GET /",
                      Span.SpanKind.SPAN_KIND_SERVER,
                      t + i % 30_000,
                      3))
              .getResourceSpansList());
    }
    bad.add(flood.build().toByteArray());
    return records(topic, bad);
  }

  private List<ProducerRecord<byte[], byte[]>> hostileLogs(String topic) {
    long t = t0 + 20_000;
    List<byte[]> bad = new ArrayList<>();
    bad.add(
        ("{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                + "\"value\":{\"stringValue\":\"cart\"}}]},"
                + "\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\""
                + t * 1_000_000L
                + "\",\"body\":{\"stringValue\":\"json\"}}]}]}]}")
            .getBytes(StandardCharsets.UTF_8)); // OTLP JSON on a protobuf topic
    byte[] binary = new byte[1024 * 1024];
    new Random(25).nextBytes(binary);
    bad.add(
        logs(
                resource("noisy", "api", "api-0"),
                log(t, 9, "").toBuilder()
                    .setBody(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(binary)))
                    .build())
            .toByteArray()); // a 1 MB binary body
    ExportLogsServiceRequest.Builder flood = ExportLogsServiceRequest.newBuilder();
    for (int i = 0; i < 5_000; i++) {
      flood.addResourceLogs(
          ResourceLogs.newBuilder()
              .setResource(resource("noisy", "svc-" + i, "svc-" + i + "-0"))
              .addScopeLogs(
                  ScopeLogs.newBuilder().addLogRecords(log(t, 9, "started worker " + i))));
    }
    bad.add(flood.build().toByteArray());
    return records(topic, bad);
  }

  private static List<ProducerRecord<byte[], byte[]>> records(String topic, List<byte[]> values) {
    return values.stream().map(v -> new ProducerRecord<byte[], byte[]>(topic, v)).toList();
  }

  /**
   * Runs the slicing job at its defaults until shop's last window is out and {@code alsoWait}
   * returns; all slices written.
   */
  private List<RuntimeSlice> run(SliceJobTopics topics, Runnable alsoWait) throws Exception {
    KafkaKRaftBroker broker = KAFKA.broker();
    JobClient job =
        SliceJobTopics.startSlicing(topics.settings(broker.bootstrapServers()), "hostile input it");
    try {
      List<ConsumerRecord<byte[], byte[]>> slices =
          TopicReader.readUntil(
              broker,
              topics.slices(),
              records ->
                  records.stream()
                      .map(r -> SliceJson.read(value(r)))
                      .anyMatch(
                          s ->
                              s.system.equals(TelemetryScenario.SYSTEM)
                                  && s.windowStartMs == lastWindowStart),
              WAIT);
      alsoWait.run();
      assertThat(job.getJobStatus().get()).as("the job keeps running").isEqualTo(JobStatus.RUNNING);
      return TopicReader.readUntil(
              broker, topics.slices(), records -> records.size() >= slices.size(), WAIT)
          .stream()
          .map(r -> SliceJson.read(value(r)))
          .toList();
    } finally {
      job.cancel().get();
    }
  }

  /** Shop's slices of the windows holding its data, as written. */
  private List<String> shopSlices(List<RuntimeSlice> slices) {
    return slices.stream()
        .filter(
            s -> s.system.equals(TelemetryScenario.SYSTEM) && s.windowStartMs <= lastWindowStart)
        .map(SliceJson::write)
        .toList();
  }

  private static String value(ConsumerRecord<byte[], byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
