package dev.runtimeslicer.simulator.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;

/**
 * Log records as an SDK's batch log record processor exports them: each held from its time until
 * its instance's next export (every {@link #EXPORT_PERIOD_NANOS}, the SDK's default), then grouped
 * by instance into export requests.
 */
public final class LogBatch {

  /** The batch log record processor's default schedule delay (OTEL_BLRP_SCHEDULE_DELAY, 1 s). */
  public static final long EXPORT_PERIOD_NANOS = 1_000_000_000L;

  private final Resources resources;
  private final int maxRecords;
  private final InstanceBuffer<LogRecord> records;
  private final ExportSchedule<LogRecord> schedule = new ExportSchedule<>(EXPORT_PERIOD_NANOS);

  /** An empty batch. */
  public LogBatch(Resources resources, int instances, int maxRecords) {
    this.resources = resources;
    this.maxRecords = maxRecords;
    this.records = new InstanceBuffer<>(instances);
  }

  /**
   * Adds a log line of {@code instance}; trace and span ids may be null for logs outside requests.
   */
  public void add(
      int instance,
      long timeNanos,
      Severity severity,
      String body,
      ByteString traceId,
      ByteString spanId) {
    LogRecord.Builder record =
        LogRecord.newBuilder()
            .setTimeUnixNano(timeNanos)
            .setObservedTimeUnixNano(timeNanos)
            .setSeverityNumber(severity.number())
            .setSeverityText(severity.name())
            .setBody(AnyValue.newBuilder().setStringValue(body));
    if (traceId != null) {
      record.setTraceId(traceId).setSpanId(spanId);
    }
    schedule.add(instance, record.build(), timeNanos);
  }

  /** Takes into the batch every record its instance has exported by {@code nowNanos}. */
  public void exportDue(long nowNanos) {
    schedule.moveDue(nowNanos, records);
  }

  /** Records in the batch. */
  public int size() {
    return records.size();
  }

  /** The export requests for the batch, then clears it. */
  public List<ExportLogsServiceRequest> drain() {
    List<ExportLogsServiceRequest> requests = new ArrayList<>();
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    int inRequest = 0;
    for (int i = 0; i < records.touchedCount(); i++) {
      int instance = records.touched(i);
      List<LogRecord> items = records.items(instance);
      for (int from = 0; from < items.size(); ) {
        int to = Math.min(items.size(), from + maxRecords - inRequest);
        request.addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resources.of(instance))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(Resources.SCOPE)
                        .addAllLogRecords(items.subList(from, to))));
        inRequest += to - from;
        from = to;
        if (inRequest >= maxRecords) {
          requests.add(request.build());
          request = ExportLogsServiceRequest.newBuilder();
          inRequest = 0;
        }
      }
    }
    if (inRequest > 0) {
      requests.add(request.build());
    }
    records.clear();
    return requests;
  }
}
