package dev.runtimeslicer.model.source;

import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

/** Flattens OTLP log records, each identified by its place in its message. */
final class LogFlattener {

  private final FlatteningContext context;
  private final DecoderSettings settings;

  LogFlattener(FlatteningContext context) {
    this.context = context;
    this.settings = context.settings;
  }

  /** Flattens every log record of {@code request}. */
  void flatten(ExportLogsServiceRequest request) {
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      ResourceIdentity id = context.identity(resourceLogs.getResource());
      if (!context.acceptResource(
          id,
          Signal.LOG,
          ExportLogsServiceRequest.newBuilder().addResourceLogs(resourceLogs).build())) {
        continue;
      }
      for (ScopeLogs scope : resourceLogs.getScopeLogsList()) {
        for (io.opentelemetry.proto.logs.v1.LogRecord log : scope.getLogRecordsList()) {
          log(id, resourceLogs, scope, log);
        }
      }
    }
  }

  private void log(
      ResourceIdentity id,
      ResourceLogs resource,
      ScopeLogs scope,
      io.opentelemetry.proto.logs.v1.LogRecord log) {
    int index = context.nextLogIndex();
    long time = log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
    String problem = context.timeProblem(time);
    if (problem != null) {
      context.rejectItem(
          problem,
          "log record",
          ExportLogsServiceRequest.newBuilder()
              .addResourceLogs(
                  resource.toBuilder()
                      .clearScopeLogs()
                      .addScopeLogs(scope.toBuilder().clearLogRecords().addLogRecords(log)))
              .build());
      return;
    }
    LogRecord record = new LogRecord();
    record.severityNumber = log.getSeverityNumberValue();
    record.severityText = context.cut(log.getSeverityText());
    String body = OtlpValues.render(log.getBody());
    record.body =
        body.length() > settings.maxLogBodyLength()
            ? body.substring(0, settings.maxLogBodyLength())
            : body;
    record.traceId = OtlpValues.hex(log.getTraceId());
    TelemetryRecord telemetry = context.record(Signal.LOG, id, time);
    telemetry.log = record;
    // A log record has no id of its own, and identical lines in one timestamp are common (an
    // error storm, times parsed from text to the millisecond), so its identity is its place in
    // the message: a retried export sends the same bytes again, a new batch never does.
    telemetry.recordId =
        new RecordIdHash().add(Signal.LOG.ordinal()).add(context.messageHash()).add(index).id();
    context.emit(telemetry);
  }
}
