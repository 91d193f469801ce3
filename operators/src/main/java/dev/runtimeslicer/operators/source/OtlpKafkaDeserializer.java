package dev.runtimeslicer.operators.source;

import dev.runtimeslicer.model.source.DecoderSettings;
import dev.runtimeslicer.model.source.OtlpDecoder;
import dev.runtimeslicer.model.source.OtlpEncoding;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.time.InstantSource;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes OTLP export requests from one Kafka topic into flat {@link TelemetryRecord}s inside the
 * source, so each record gets its own event time for watermarking and no protobuf message ever
 * crosses an operator boundary. Undecodable input comes out as dead-letter records.
 */
public final class OtlpKafkaDeserializer
    implements KafkaRecordDeserializationSchema<TelemetryRecord> {

  private static final long serialVersionUID = 1L;

  private final Signal signal;
  private final OtlpEncoding encoding;
  private final DecoderSettings settings;
  private transient OtlpDecoder decoder;

  public OtlpKafkaDeserializer(Signal signal, OtlpEncoding encoding, DecoderSettings settings) {
    this.signal = signal;
    this.encoding = encoding;
    this.settings = settings;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    OtlpDecoder opened = new OtlpDecoder(settings, InstantSource.system());
    if (context != null) {
      context
          .getMetricGroup()
          .gauge("resourcesWithoutSystem", (Gauge<Long>) opened::resourcesWithoutSystem);
    }
    decoder = opened;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<TelemetryRecord> out) {
    if (decoder == null) {
      open(null);
    }
    SourcePosition position =
        new SourcePosition(message.topic(), message.partition(), message.offset());
    decoder.decode(signal, encoding, message.value(), position, out::collect);
  }

  @Override
  public TypeInformation<TelemetryRecord> getProducedType() {
    return TypeInformation.of(TelemetryRecord.class);
  }
}
