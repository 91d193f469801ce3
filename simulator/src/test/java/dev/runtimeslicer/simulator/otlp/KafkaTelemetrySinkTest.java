package dev.runtimeslicer.simulator.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.simulator.CollectingSink;
import dev.runtimeslicer.simulator.Simulation;
import dev.runtimeslicer.testkit.KafkaBrokerExtension;
import dev.runtimeslicer.testkit.KafkaKRaftBroker;
import dev.runtimeslicer.testkit.TopicReader;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaTelemetrySinkTest {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void publishesOtlpProtoPerSignalTopicWithoutKeysToARealBroker() throws Exception {
    KafkaKRaftBroker broker = KAFKA.broker();
    String spans = broker.uniqueTopic("otlp_spans");
    String metrics = broker.uniqueTopic("otlp_metrics");
    String logs = broker.uniqueTopic("otlp_logs");
    broker.createTopics(1, spans, metrics, logs);
    Simulation simulation =
        Simulation.builder()
            .system("online-shop")
            .duration(Duration.ofMinutes(2))
            .faults(1)
            .seed(2)
            .build();
    CollectingSink expected = new CollectingSink();
    simulation.run(expected); // same seed, same telemetry: what the broker must end up holding
    List<FaultLabel> labels = new ArrayList<>();

    try (KafkaTelemetrySink sink =
        new KafkaTelemetrySink(broker.bootstrapServers(), spans, metrics, logs, labels::add)) {
      Simulation.builder()
          .system("online-shop")
          .duration(Duration.ofMinutes(2))
          .faults(1)
          .seed(2)
          .build()
          .run(sink);
    }

    List<ConsumerRecord<byte[], byte[]>> spanRecords =
        readAll(broker, spans, expected.traces.size());
    List<ConsumerRecord<byte[], byte[]>> metricRecords =
        readAll(broker, metrics, expected.metrics.size());
    List<ConsumerRecord<byte[], byte[]>> logRecords = readAll(broker, logs, expected.logs.size());
    assertThat(spanRecords).allSatisfy(record -> assertThat(record.key()).isNull());
    assertThat(ExportTraceServiceRequest.parseFrom(spanRecords.get(0).value()))
        .isEqualTo(expected.traces.get(0));
    assertThat(ExportMetricsServiceRequest.parseFrom(metricRecords.get(0).value()))
        .isEqualTo(expected.metrics.get(0));
    assertThat(ExportLogsServiceRequest.parseFrom(logRecords.get(logRecords.size() - 1).value()))
        .isEqualTo(expected.logs.get(expected.logs.size() - 1));
    assertThat(labels).hasSize(1);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(
      KafkaKRaftBroker broker, String topic, int expected) {
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readUntil(
            broker, topic, read -> read.size() >= expected, Duration.ofSeconds(60));
    assertThat(records).as("records on " + topic).hasSize(expected);
    return records;
  }

  @Test
  void pacingHoldsSimulatedTimeToTheSpeedFactor() {
    List<Long> seen = new ArrayList<>();
    PacedSink paced = new PacedSink(new NoopSink(seen), 100);
    long started = System.nanoTime();
    Simulation.builder()
        .system("online-shop")
        .duration(Duration.ofSeconds(21))
        .rate(5)
        .seed(1)
        .build()
        .run(paced);
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    // 20 simulated seconds after the first tick at 100x take at least 0.2 s.
    assertThat(wallSeconds).isGreaterThanOrEqualTo(0.19);
    assertThat(seen).hasSize(21);
  }

  /** Records only the clock. */
  private record NoopSink(List<Long> clock) implements dev.runtimeslicer.simulator.TelemetrySink {
    @Override
    public void traces(ExportTraceServiceRequest request) {}

    @Override
    public void metrics(ExportMetricsServiceRequest request) {}

    @Override
    public void logs(ExportLogsServiceRequest request) {}

    @Override
    public void label(FaultLabel label) {}

    @Override
    public void advanceTo(long simulatedNanos) {
      clock.add(simulatedNanos);
    }
  }
}
