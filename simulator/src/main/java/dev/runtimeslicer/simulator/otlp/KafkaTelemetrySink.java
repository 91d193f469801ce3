package dev.runtimeslicer.simulator.otlp;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.simulator.TelemetrySink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes telemetry to Kafka the way the Collector's Kafka exporter does with encoding {@code
 * otlp_proto}: one export request per record, protobuf bytes as value, no key, on topics {@code
 * otlp_spans}, {@code otlp_metrics} and {@code otlp_logs} by default. Labels go to {@code labels}.
 */
public final class KafkaTelemetrySink implements TelemetrySink {

  public static final String SPANS_TOPIC = "otlp_spans";
  public static final String METRICS_TOPIC = "otlp_metrics";
  public static final String LOGS_TOPIC = "otlp_logs";
  private static final String LINGER_MS = "20";
  private static final String BATCH_BYTES = Integer.toString(512 * 1024);
  private static final String MAX_REQUEST_BYTES = Integer.toString(4 * 1024 * 1024);

  private final Producer<byte[], byte[]> producer;
  private final Consumer<FaultLabel> labels;
  private final String spansTopic;
  private final String metricsTopic;
  private final String logsTopic;

  /** A sink producing to the default topics at {@code bootstrapServers} (HOST:PORT[,...]). */
  public KafkaTelemetrySink(String bootstrapServers, Consumer<FaultLabel> labels) {
    this(bootstrapServers, SPANS_TOPIC, METRICS_TOPIC, LOGS_TOPIC, labels);
  }

  /** A sink producing to the given topics. */
  public KafkaTelemetrySink(
      String bootstrapServers,
      String spansTopic,
      String metricsTopic,
      String logsTopic,
      Consumer<FaultLabel> labels) {
    this.producer = new KafkaProducer<>(config(bootstrapServers));
    this.labels = labels;
    this.spansTopic = spansTopic;
    this.metricsTopic = metricsTopic;
    this.logsTopic = logsTopic;
  }

  private static Properties config(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "runtimeslicer-simulator");
    return config;
  }

  @Override
  public void traces(ExportTraceServiceRequest request) {
    producer.send(new ProducerRecord<>(spansTopic, null, request.toByteArray()));
  }

  @Override
  public void metrics(ExportMetricsServiceRequest request) {
    producer.send(new ProducerRecord<>(metricsTopic, null, request.toByteArray()));
  }

  @Override
  public void logs(ExportLogsServiceRequest request) {
    producer.send(new ProducerRecord<>(logsTopic, null, request.toByteArray()));
  }

  @Override
  public void label(FaultLabel label) {
    labels.accept(label);
  }

  @Override
  public void close() {
    producer.flush();
    producer.close();
  }
}
