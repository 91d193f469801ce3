package dev.runtimeslicer.operators.source;

import dev.runtimeslicer.model.source.DecoderSettings;
import dev.runtimeslicer.model.source.OtlpDecoder;
import dev.runtimeslicer.model.source.OtlpEncoding;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.util.Collector;

/**
 * Decodes lines of the OpenTelemetry Collector's file exporter (one OTLP/JSON export request per
 * line); the signal is read from the request's top-level field, so traces, metrics and logs files
 * can be replayed through one source.
 */
public final class OtlpLineDecoder extends RichFlatMapFunction<FileLine, TelemetryRecord> {

  private static final long serialVersionUID = 1L;

  /** The top-level field of an export request is near the start; no need to scan a whole line. */
  private static final int SIGNAL_PROBE_CHARS = 256;

  private final DecoderSettings settings;
  private transient OtlpDecoder decoder;

  public OtlpLineDecoder(DecoderSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    OtlpDecoder opened = new OtlpDecoder(settings, InstantSource.system());
    getRuntimeContext()
        .getMetricGroup()
        .gauge("resourcesWithoutSystem", (Gauge<Long>) opened::resourcesWithoutSystem);
    decoder = opened;
  }

  @Override
  public void flatMap(FileLine fileLine, Collector<TelemetryRecord> out) {
    String line = fileLine.text;
    if (line.isBlank()) {
      return;
    }
    SourcePosition position = SourcePosition.ofFile(fileLine.file, fileLine.line);
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    Signal signal = signalOf(line);
    if (signal == null) {
      out.collect(
          TelemetryRecord.rejected(
              new DeadLetter(
                  position,
                  "unknown_signal",
                  "line is not an OTLP/JSON export request (no resourceSpans, resourceMetrics or"
                      + " resourceLogs field); replay input must be the Collector file exporter's"
                      + " format",
                  OtlpEncoding.OTLP_JSON.configName(),
                  bytes)));
      return;
    }
    decoder.decode(signal, OtlpEncoding.OTLP_JSON, bytes, position, out::collect);
  }

  /** The signal named by the request's top-level field, or null when there is none. */
  static Signal signalOf(String line) {
    String head = line.length() > SIGNAL_PROBE_CHARS ? line.substring(0, SIGNAL_PROBE_CHARS) : line;
    if (head.contains("\"resourceSpans\"") || head.contains("\"resource_spans\"")) {
      return Signal.SPAN;
    }
    if (head.contains("\"resourceMetrics\"") || head.contains("\"resource_metrics\"")) {
      return Signal.METRIC;
    }
    if (head.contains("\"resourceLogs\"") || head.contains("\"resource_logs\"")) {
      return Signal.LOG;
    }
    return null;
  }
}
