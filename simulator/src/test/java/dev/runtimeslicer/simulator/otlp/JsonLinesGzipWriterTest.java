package dev.runtimeslicer.simulator.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.source.OtlpJson;
import dev.runtimeslicer.simulator.CollectingSink;
import dev.runtimeslicer.simulator.Simulation;
import dev.runtimeslicer.simulator.TelemetrySink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's files: one valid gzip member each, holding exactly the simulated requests as
 * OTLP/JSON lines.
 */
class JsonLinesGzipWriterTest {

  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  /** Sends everything to both sinks. */
  private record Tee(TelemetrySink first, TelemetrySink second) implements TelemetrySink {
    @Override
    public void traces(ExportTraceServiceRequest request) {
      first.traces(request);
      second.traces(request);
    }

    @Override
    public void metrics(ExportMetricsServiceRequest request) {
      first.metrics(request);
      second.metrics(request);
    }

    @Override
    public void logs(ExportLogsServiceRequest request) {
      first.logs(request);
      second.logs(request);
    }

    @Override
    public void label(FaultLabel label) {
      first.label(label);
      second.label(label);
    }

    @Override
    public void close() {
      first.close();
      second.close();
    }
  }

  @Test
  void simulatedFilesHoldEveryRequestAsOtlpJsonThatReadsBack(@TempDir Path dir) throws Exception {
    CollectingSink collected = new CollectingSink();
    try (TelemetrySink sink = new Tee(collected, new FileTelemetrySink(dir))) {
      Simulation.builder()
          .system("online-shop")
          .duration(Duration.ofMinutes(2))
          .faults(1)
          .seed(5)
          .traceSampling(1.0)
          .build()
          .run(sink);
    }

    assertFileHolds(
        dir.resolve(FileTelemetrySink.TRACES),
        collected.traces,
        ExportTraceServiceRequest::newBuilder);
    assertFileHolds(
        dir.resolve(FileTelemetrySink.METRICS),
        collected.metrics,
        ExportMetricsServiceRequest::newBuilder);
    assertFileHolds(
        dir.resolve(FileTelemetrySink.LOGS), collected.logs, ExportLogsServiceRequest::newBuilder);
    long traceBytes = collected.traces.stream().mapToLong(Message::getSerializedSize).sum();
    assertThat(traceBytes).as("several chunks").isGreaterThan(3L * JsonLinesGzipWriter.CHUNK_BYTES);
  }

  private static <T extends Message> void assertFileHolds(
      Path file, List<T> requests, Supplier<Message.Builder> builders) throws Exception {
    byte[] compressed = Files.readAllBytes(file);
    String text = new String(gunzipOneMember(compressed), StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    String[] lines = text.split("\n", -1);
    assertThat(lines).hasSize(requests.size() + 1);
    for (int i = 0; i < requests.size(); i++) {
      Message.Builder parsed = builders.get();
      OtlpJson.merge(lines[i], parsed);
      assertThat(parsed.build())
          .as("%s line %d", file.getFileName(), i + 1)
          .isEqualTo(requests.get(i));
      assertThat(MAPPER.readTree(lines[i]))
          .as("%s line %d", file.getFileName(), i + 1)
          .isEqualTo(MAPPER.readTree(jsonFormatWithHexIds(requests.get(i))));
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
    }
  }

  @Test
  void anyChunkSizeGivesTheSameLinesInOneGzipMember(@TempDir Path dir) throws Exception {
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    CollectingSink collected = new CollectingSink();
    Simulation.builder()
        .system("online-shop")
        .duration(Duration.ofSeconds(40))
        .seed(9)
        .traceSampling(1.0)
        .build()
        .run(collected);
    requests.addAll(collected.traces);
    StringBuilder expected = new StringBuilder();
    for (ExportTraceServiceRequest request : requests) {
      expected.append(OtlpJson.print(request)).append('\n');
    }

    byte[] previous = null;
    for (int chunkBytes :
        new int[] {1, 10_000, JsonLinesGzipWriter.CHUNK_BYTES, Integer.MAX_VALUE}) {
      Path file = dir.resolve("chunks-" + chunkBytes + ".json.gz");
      try (JsonLinesGzipWriter writer = new JsonLinesGzipWriter(file, POOL, chunkBytes)) {
        requests.forEach(writer::write);
      }
      byte[] compressed = Files.readAllBytes(file);
      assertThat(new String(gunzipOneMember(compressed), StandardCharsets.UTF_8))
          .as("chunk bytes %d", chunkBytes)
          .isEqualTo(expected.toString());
      assertThat(compressed.length).isLessThan(expected.length() / 4);
      if (chunkBytes == JsonLinesGzipWriter.CHUNK_BYTES) {
        previous = compressed;
      }
    }
    Path again = dir.resolve("again.json.gz");
    try (JsonLinesGzipWriter writer = new JsonLinesGzipWriter(again, POOL)) {
      requests.forEach(writer::write);
    }
    assertThat(Files.readAllBytes(again))
        .as("byte-identical when written again")
        .isEqualTo(previous);
  }

  @Test
  void anEmptyFileIsAnEmptyGzip(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("empty.json.gz");
    new JsonLinesGzipWriter(file, POOL).close();

    assertThat(gunzipOneMember(Files.readAllBytes(file))).isEmpty();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  /**
   * Decodes a gzip file that must be exactly one member: header, one deflate stream, matching CRC
   * and size.
   */
  private static byte[] gunzipOneMember(byte[] file) throws Exception {
    assertThat(file.length).isGreaterThanOrEqualTo(18);
    assertThat(new byte[] {file[0], file[1], file[2], file[3]})
        .as("magic, deflate, no flags")
        .isEqualTo(new byte[] {0x1f, (byte) 0x8b, 8, 0});
    Inflater inflater = new Inflater(true);
    inflater.setInput(file, 10, file.length - 10);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    while (!inflater.finished()) {
      int n = inflater.inflate(buffer);
      assertThat(n > 0 || !inflater.needsInput()).as("deflate stream truncated").isTrue();
      out.write(buffer, 0, n);
    }
    assertThat(inflater.getRemaining())
        .as("only the trailer follows the deflate stream")
        .isEqualTo(8);
    inflater.end();
    byte[] data = out.toByteArray();
    ByteBuffer trailer = ByteBuffer.wrap(file, file.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
    CRC32 crc = new CRC32();
    crc.update(data);
    assertThat(trailer.getInt()).as("CRC32").isEqualTo((int) crc.getValue());
    assertThat(trailer.getInt()).as("ISIZE").isEqualTo(data.length);
    return data;
  }

  /**
   * How the simulator printed OTLP/JSON before: protobuf's JsonFormat, then base64 ids rewritten as
   * hex.
   */
  private static String jsonFormatWithHexIds(Message message) throws IOException {
    Set<String> ids = Set.of("traceId", "spanId", "parentSpanId");
    String json =
        JsonFormat.printer().omittingInsignificantWhitespace().printingEnumsAsInts().print(message);
    JsonFactory factory = new JsonFactory();
    StringWriter out = new StringWriter();
    try (JsonParser parser = factory.createParser(json);
        JsonGenerator generator = factory.createGenerator(out)) {
      String field = null;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_STRING && field != null && ids.contains(field)) {
          generator.writeString(
              HexFormat.of().formatHex(Base64.getDecoder().decode(parser.getText())));
        } else {
          generator.copyCurrentEvent(parser);
        }
        field = token == JsonToken.FIELD_NAME ? parser.currentName() : null;
      }
    }
    return out.toString();
  }
}
