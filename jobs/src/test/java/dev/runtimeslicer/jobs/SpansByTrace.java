package dev.runtimeslicer.jobs;

import dev.runtimeslicer.model.source.DecoderSettings;
import dev.runtimeslicer.model.source.OtlpDecoder;
import dev.runtimeslicer.model.source.OtlpEncoding;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.testkit.KafkaKRaftBroker;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every span of an OTLP protobuf topic, decoded as the job decodes them, by trace: what a test
 * checks exemplars against.
 */
final class SpansByTrace {

  private final Map<String, List<TelemetryRecord>> byTrace = new HashMap<>();

  /** Per service, the durations of its requests and of the calls made to it. */
  private final Map<String, List<Double>> durationsThrough = new HashMap<>();

  /** Reads {@code topic} from its start to its current end. */
  static SpansByTrace read(KafkaKRaftBroker broker, String topic) {
    SpansByTrace spans = new SpansByTrace();
    OtlpDecoder decoder = new OtlpDecoder(DecoderSettings.defaults(), InstantSource.system());
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          decoder.decode(
              Signal.SPAN,
              OtlpEncoding.OTLP_PROTO,
              record.value(),
              new SourcePosition(topic, record.partition(), record.offset()),
              spans::add);
        }
      }
    }
    spans.durationsThrough.values().forEach(list -> list.sort(Double::compare));
    return spans;
  }

  private void add(TelemetryRecord record) {
    if (record.span == null) {
      return;
    }
    byTrace.computeIfAbsent(record.span.traceIdHex(), t -> new ArrayList<>()).add(record);
    String through = through(record);
    if (through != null) {
      durationsThrough.computeIfAbsent(through, s -> new ArrayList<>()).add(record.span.durationMs);
    }
  }

  /**
   * The service a span shows a request to: its own for a request, the callee for a call naming its
   * peer.
   */
  private static String through(TelemetryRecord record) {
    if (record.span.isRequest()) {
      return record.service;
    }
    return record.span.isOutgoingCall() && !record.span.peerService.isEmpty()
        ? record.span.peerService
        : null;
  }

  /**
   * Whether trace {@code traceId} has a request to {@code service} that failed or took longer than
   * its median.
   */
  boolean failingOrSlowThrough(String traceId, String service) {
    List<Double> durations = durationsThrough.getOrDefault(service, List.of());
    double median = durations.isEmpty() ? Double.MAX_VALUE : durations.get(durations.size() / 2);
    for (TelemetryRecord span : byTrace.getOrDefault(traceId, List.of())) {
      if (service.equals(through(span)) && (span.span.isError() || span.span.durationMs > median)) {
        return true;
      }
    }
    return false;
  }

  /** The trace's spans in a line each, for failure messages. */
  String describe(String traceId) {
    StringBuilder text = new StringBuilder();
    for (TelemetryRecord span : byTrace.getOrDefault(traceId, List.of())) {
      text.append("\n  ")
          .append(span.service)
          .append(' ')
          .append(span.span.operation)
          .append(" kind ")
          .append(span.span.kind)
          .append(" peer ")
          .append(span.span.peerService)
          .append(span.span.isError() ? " ERROR " : " ok ")
          .append(span.span.durationMs)
          .append(" ms");
    }
    return text.length() == 0 ? "(no spans)" : text.toString();
  }
}
