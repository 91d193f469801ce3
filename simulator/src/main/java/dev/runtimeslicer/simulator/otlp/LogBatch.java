package dev.runtimeslicer.simulator.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;

/** The log records of one short stretch of simulated time, grouped by instance into export requests. */
public final class LogBatch {

  private final Resources resources;
  private final int maxRecords;
  private final InstanceBuffer<LogRecord> records;

  /** An empty batch. */
  public LogBatch(Resources resources, int instances, int maxRecords) {
    this.resources = resources;
    this.maxRecords = maxRecords;
    this.records = new InstanceBuffer<>(instances);
  }

  /** Adds a log line of {@code instance}; trace and span ids may be null for logs outside requests. */
  public void add(int instance, long timeNanos, Severity severity, String body, ByteString traceId, ByteString spanId) {
    LogRecord.Builder record = LogRecord.newBuilder()
        .setTimeUnixNano(timeNanos)
        .setObservedTimeUnixNano(timeNanos)
        .setSeverityNumber(severity.number())
        .setSeverityText(severity.name())
        .setBody(AnyValue.newBuilder().setStringValue(body));
    if (traceId != null) {
      record.setTraceId(traceId).setSpanId(spanId);
    }
    records.add(instance, record.build());
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
        request.addResourceLogs(ResourceLogs.newBuilder()
            .setResource(resources.of(instance))
            .addScopeLogs(ScopeLogs.newBuilder().setScope(Resources.SCOPE).addAllLogRecords(items.subList(from, to))));
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
