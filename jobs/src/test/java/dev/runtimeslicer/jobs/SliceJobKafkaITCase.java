package dev.runtimeslicer.jobs;

import static dev.runtimeslicer.testkit.OtlpRequests.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.operators.sink.DeadLetterKafkaSerializer;
import dev.runtimeslicer.testkit.KafkaBrokerExtension;
import dev.runtimeslicer.testkit.KafkaKRaftBroker;
import dev.runtimeslicer.testkit.TopicReader;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The slicing job end to end: real OTLP protobuf on a real KRaft broker, a Flink MiniCluster, Kafka
 * sinks.
 */
class SliceJobKafkaITCase {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Duration WAIT = Duration.ofSeconds(90);

  /**
   * With pre-aggregation, at parallelism 2: the records are aggregated in the reading subtasks
   * first, and the output is the same.
   */
  @ParameterizedTest(name = "pre-aggregation {0}")
  @ValueSource(booleans = {false, true})
  void slicesTelemetryAndDeadLettersBadInputWhileRunningOn(boolean preAggregation)
      throws Exception {
    KafkaKRaftBroker broker = KAFKA.broker();
    SliceJobTopics topics =
        SliceJobTopics.create(broker, preAggregation ? "slice-job-pre" : "slice-job");
    String metricsTopic = topics.metrics();
    String spansTopic = topics.spans();
    String logsTopic = topics.logs();
    String slicesTopic = topics.slices();
    String deadLetterTopic = topics.deadLetters();

    long now = System.currentTimeMillis();
    long t0 = (now - 15 * 60_000) / 60_000 * 60_000;
    TelemetryScenario scenario = new TelemetryScenario(t0);
    byte[] garbage = "definitely not protobuf".getBytes(StandardCharsets.UTF_8);
    ExportTraceServiceRequest noServiceName =
        spans(
            resource(TelemetryScenario.SYSTEM, null, "ghost-1"),
            span(
                TelemetryScenario.trace(9),
                "0000000000000009",
                null,
                "GET /",
                Span.SpanKind.SPAN_KIND_SERVER,
                t0 + 2_000,
                5));
    long tick = t0 + 5 * 60_000; // moves the system's clock past the scenario's windows
    try (KafkaProducer<byte[], byte[]> producer = TopicReader.producer(broker)) {
      scenario
          .metricRequests()
          .forEach(m -> producer.send(new ProducerRecord<>(metricsTopic, m.toByteArray())));
      producer.send(new ProducerRecord<>(metricsTopic, garbage));
      producer.send(
          new ProducerRecord<>(
              metricsTopic,
              metrics(scenario.cart, gauge("cpu", t0 + 16_000, Double.NaN)).toByteArray()));
      scenario
          .spanRequests()
          .forEach(s -> producer.send(new ProducerRecord<>(spansTopic, s.toByteArray())));
      producer.send(new ProducerRecord<>(spansTopic, noServiceName.toByteArray()));
      producer.send(
          new ProducerRecord<>(
              spansTopic,
              spans(
                      scenario.cart,
                      span(
                              TelemetryScenario.trace(11),
                              "000000000000000b",
                              null,
                              "Get",
                              Span.SpanKind.SPAN_KIND_SERVER,
                              t0 + 3_000,
                              5)
                          .setEndTimeUnixNano((t0 + 2_000) * 1_000_000))
                  .toByteArray()));
      producer.send(
          new ProducerRecord<>(
              metricsTopic, metrics(scenario.cart, gauge("cpu", 0, 0.5)).toByteArray()));
      scenario
          .logRequests()
          .forEach(l -> producer.send(new ProducerRecord<>(logsTopic, l.toByteArray())));
      producer.send(
          new ProducerRecord<>(
              logsTopic,
              logs(scenario.cart, log(now + 3 * 3_600_000, 9, "from the future")).toByteArray()));
      producer.send(
          new ProducerRecord<>(
              metricsTopic, metrics(scenario.cart, gauge("cpu", tick, 0.1)).toByteArray()));
      producer.send(
          new ProducerRecord<>(
              spansTopic,
              spans(
                      scenario.cart,
                      span(
                          TelemetryScenario.trace(10),
                          "000000000000000a",
                          null,
                          "Get",
                          Span.SpanKind.SPAN_KIND_SERVER,
                          tick,
                          1))
                  .toByteArray()));
      producer.send(
          new ProducerRecord<>(logsTopic, logs(scenario.cart, log(tick, 9, "tick")).toByteArray()));
    }

    Map<String, String> settings = topics.settings(broker.bootstrapServers());
    settings.put(SliceJobOptions.PRE_AGGREGATION.key(), Boolean.toString(preAggregation));
    JobClient job = SliceJobTopics.startSlicing(settings, "slice job it", preAggregation ? 2 : 1);
    try {
      List<ConsumerRecord<byte[], byte[]>> slices =
          TopicReader.readUntil(
              broker,
              slicesTopic,
              records ->
                  records.stream().anyMatch(r -> SliceJson.read(value(r)).windowStartMs == t0),
              WAIT);
      RuntimeSlice slice =
          slices.stream()
              .map(r -> SliceJson.read(value(r)))
              .filter(s -> s.windowStartMs == t0)
              .findFirst()
              .orElseThrow();
      SliceAssertions.assertScenarioWindow(slice, t0);
      assertThat(new String(slices.get(0).key(), StandardCharsets.UTF_8))
          .isEqualTo(TelemetryScenario.SYSTEM);

      List<ConsumerRecord<byte[], byte[]>> letters =
          TopicReader.readUntil(broker, deadLetterTopic, records -> records.size() >= 6, WAIT);
      Map<String, ConsumerRecord<byte[], byte[]>> byCategory = new HashMap<>();
      letters.forEach(r -> byCategory.put(header(r, DeadLetterKafkaSerializer.CATEGORY), r));
      assertThat(byCategory)
          .containsOnlyKeys(
              "malformed",
              "non_finite",
              "missing_service_name",
              "future_timestamp",
              "negative_duration",
              "zero_timestamp");
      ConsumerRecord<byte[], byte[]> malformed = byCategory.get("malformed");
      assertThat(malformed.value()).isEqualTo(garbage);
      assertThat(header(malformed, DeadLetterKafkaSerializer.SOURCE_TOPIC)).isEqualTo(metricsTopic);
      assertThat(header(malformed, DeadLetterKafkaSerializer.SOURCE_OFFSET)).isEqualTo("3");
      assertThat(header(malformed, DeadLetterKafkaSerializer.REASON)).contains("otlp_proto");
      assertThat(
              header(
                  byCategory.get("missing_service_name"), DeadLetterKafkaSerializer.SOURCE_TOPIC))
          .isEqualTo(spansTopic);
      assertThat(
              ExportTraceServiceRequest.parseFrom(byCategory.get("missing_service_name").value()))
          .isEqualTo(noServiceName);
    } finally {
      job.cancel().get();
    }
  }

  private static String value(ConsumerRecord<byte[], byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
