package dev.runtimeslicer.operators.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterKafkaSerializerTest {

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void keepsTheOriginalBytesAndSaysWhereFromAndWhy() {
    byte[] payload = "not protobuf".getBytes(StandardCharsets.UTF_8);
    DeadLetter letter =
        new DeadLetter(
            new SourcePosition("otlp_spans", 2, 41),
            "malformed",
            "not a valid request",
            "otlp_proto",
            payload);

    ProducerRecord<byte[], byte[]> record =
        new DeadLetterKafkaSerializer("dead", 1024).serialize(letter, null, null);

    assertThat(record.topic()).isEqualTo("dead");
    assertThat(record.value()).isEqualTo(payload);
    assertThat(header(record, DeadLetterKafkaSerializer.SOURCE_TOPIC)).isEqualTo("otlp_spans");
    assertThat(header(record, DeadLetterKafkaSerializer.SOURCE_OFFSET)).isEqualTo("41");
    assertThat(header(record, DeadLetterKafkaSerializer.CATEGORY)).isEqualTo("malformed");
    assertThat(header(record, DeadLetterKafkaSerializer.TRUNCATED)).isNull();
  }

  @Test
  void aPayloadOverTheLimitIsCutAndSaysSoWithItsOriginalSize() {
    byte[] tenMegabytes = new byte[10 * 1024 * 1024];
    Arrays.fill(tenMegabytes, (byte) 7);
    DeadLetter letter =
        new DeadLetter(
            new SourcePosition("otlp_logs", 0, 3),
            "oversized",
            "x".repeat(100_000),
            "otlp_proto",
            tenMegabytes);

    ProducerRecord<byte[], byte[]> record =
        new DeadLetterKafkaSerializer("dead", 512 * 1024).serialize(letter, null, null);

    assertThat(record.value()).hasSize(512 * 1024).containsOnly((byte) 7);
    assertThat(header(record, DeadLetterKafkaSerializer.TRUNCATED)).isEqualTo("true");
    assertThat(header(record, DeadLetterKafkaSerializer.ORIGINAL_BYTES))
        .isEqualTo(Integer.toString(tenMegabytes.length));
    assertThat(header(record, DeadLetterKafkaSerializer.REASON)).hasSize(4096);
  }
}
