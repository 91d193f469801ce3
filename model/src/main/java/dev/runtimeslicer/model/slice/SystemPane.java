package dev.runtimeslicer.model.slice;

import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One pane (an S-long stretch of event time) of one system: every record is aggregated into exactly
 * one pane as it arrives, and a window is the merge of its W/S panes.
 *
 * <p>Cardinality bounds hold per pane; what does not fit is counted in {@link #overflow()} under
 * the name of the bound, never stored.
 */
public final class SystemPane {

  /** A request span with a parent span, kept to find who called the service. */
  record LinkedRequest(String service, boolean error) {}

  /** An outgoing or internal span that does not name its peer: its service and duration. */
  record LinkedParent(String service, double durationMs) {}

  final Map<String, ServicePane> services = new HashMap<>();

  /**
   * Span id to service and duration, for outgoing or internal spans that do not name their peer.
   */
  final Map<Long, LinkedParent> spanServices = new HashMap<>();

  /** Parent span id to the request span it started, to resolve callers by parent link. */
  final Map<Long, LinkedRequest> linkedRequests = new HashMap<>();

  final Map<String, Long> overflow = new TreeMap<>();

  /** Ids of the records taken, so a second delivery of one is known. */
  final RecordIds recordIds = new RecordIds();

  /**
   * Template id of a log record added without mining it (a {@link PartialPane} counts its message
   * instead).
   */
  static final int UNMINED = -2;

  private static final Consumer<String> NO_LISTENER = bound -> {};
  private Consumer<String> onOverflow = NO_LISTENER;

  /** Overflow counts by bound name (services, metric_names, templates, ...). */
  public Map<String, Long> overflow() {
    return overflow;
  }

  /**
   * Whether this pane already took {@code record}: a second delivery (Collector retries are at
   * least once), to be skipped. Records without an id, and any once the pane's ids are at their
   * bound (counted as overflow {@code record_ids}), count as new.
   */
  public boolean isDuplicate(
      TelemetryRecord record, SliceSettings settings, Consumer<String> onOverflow) {
    if (record.recordId == TelemetryRecord.NO_ID) {
      return false;
    }
    return switch (recordIds.offer(record.recordId, settings.maxRecordIdsPerPane())) {
      case SEEN -> true;
      case NEW -> false;
      case FULL -> {
        overflow.merge("record_ids", 1L, Long::sum);
        onOverflow.accept("record_ids");
        yield false;
      }
    };
  }

  /** Whether a record of {@code service} fits under the services bound of this pane. */
  public boolean admits(String service, SliceSettings settings) {
    return services.size() < settings.maxServicesPerSystem() || services.containsKey(service);
  }

  /** Number of services with data in this pane. */
  public int serviceCount() {
    return services.size();
  }

  /**
   * Aggregates one record.
   *
   * @param templateId the log template of a LOG record (from the service's {@link
   *     LogTemplateMiner})
   * @param onOverflow told the name of each bound the record overflowed, besides the pane's count
   * @return false when the record's service did not fit under the services bound (counted)
   */
  public boolean add(
      TelemetryRecord record, int templateId, SliceSettings settings, Consumer<String> onOverflow) {
    return add(record, templateId, null, settings, onOverflow);
  }

  /**
   * Aggregates one record, a LOG record with its template's text right after it was mined.
   *
   * @param templateText null: the window names the template as the miner reads when it closes
   */
  public boolean add(
      TelemetryRecord record,
      int templateId,
      String templateText,
      SliceSettings settings,
      Consumer<String> onOverflow) {
    this.onOverflow = onOverflow;
    try {
      return addRecord(record, templateId, templateText, settings);
    } finally {
      this.onOverflow = NO_LISTENER;
    }
  }

  private boolean addRecord(
      TelemetryRecord record, int templateId, String templateText, SliceSettings settings) {
    ServicePane service = services.get(record.service);
    if (service == null) {
      if (services.size() >= settings.maxServicesPerSystem()) {
        countOverflow("services");
        return false;
      }
      service = new ServicePane();
      services.put(record.service, service);
    }
    if (!record.instance.isEmpty() && !service.instances.contains(record.instance)) {
      if (service.instances.size() < settings.maxInstancesPerService()) {
        service.instances.add(record.instance);
      } else {
        countOverflow("instances");
      }
    }
    switch (record.signal) {
      case METRIC -> addMetric(service, record, settings);
      case SPAN -> addSpan(service, record, settings);
      case LOG -> {
        if (templateId == LogTemplateMiner.OVERFLOW) {
          countOverflow("templates");
        }
        addLog(service, record.log, templateId, templateText);
      }
    }
    return true;
  }

  private void addMetric(ServicePane service, TelemetryRecord record, SliceSettings settings) {
    MetricStats stats = service.metrics.get(record.metric.name);
    if (stats == null) {
      if (service.metrics.size() >= settings.maxMetricNamesPerService()) {
        countOverflow("metric_names");
        return;
      }
      stats = new MetricStats();
      service.metrics.put(record.metric.name, stats);
    }
    stats.add(record.metric.value, record.timestampMs);
  }

  private void addSpan(ServicePane service, TelemetryRecord record, SliceSettings settings) {
    SpanRecord span = record.span;
    boolean error = span.isError();
    service.spans++;
    if (span.isRequest()) {
      service.requests++;
      if (error) {
        service.requestErrors++;
        if (service.errorTraceIds.size() < settings.maxExemplarsPerService()) {
          String traceId = span.traceIdHex();
          if (!service.errorTraceIds.contains(traceId)) {
            service.errorTraceIds.add(traceId);
          }
        }
      }
      service.slowest.offer(
          span.durationMs, span.traceIdHigh, span.traceIdLow, settings.maxExemplarsPerService());
      service.latency().add(span.durationMs);
      OperationStats operation = service.operations.get(span.operation);
      if (operation == null && service.operations.size() >= settings.maxOperationsPerService()) {
        countOverflow("operations");
      } else {
        if (operation == null) {
          operation = new OperationStats();
          service.operations.put(span.operation, operation);
        }
        operation.add(span.durationMs, error);
      }
      if (span.parentSpanId != 0 && hasLinkRoom(settings)) {
        linkedRequests.put(span.parentSpanId, new LinkedRequest(record.service, error));
      }
    }
    if (span.isOutgoingCall() && !span.peerService.isEmpty()) {
      addCall(service, span.peerService, error, span.durationMs, settings);
    } else if (!span.isRequest()) {
      // a client or internal span without its peer's name: a request span elsewhere may name it as
      // parent
      if (hasLinkRoom(settings)) {
        spanServices.put(span.spanId, new LinkedParent(record.service, span.durationMs));
      }
    }
  }

  /** Whether another span id fits under the linked-spans bound; counts overflow when not. */
  private boolean hasLinkRoom(SliceSettings settings) {
    if (spanServices.size() + linkedRequests.size() < settings.maxLinkedSpansPerPane()) {
      return true;
    }
    countOverflow("linked_spans");
    return false;
  }

  /**
   * @param durationMs the caller span's duration, NaN when unknown
   */
  void addCall(
      ServicePane caller, String callee, boolean error, double durationMs, SliceSettings settings) {
    CallStats call = caller.callees.get(callee);
    if (call == null) {
      if (caller.callees.size() >= settings.maxCalleesPerService()) {
        countOverflow("callees");
        return;
      }
      call = new CallStats();
      caller.callees.put(callee, call);
    }
    call.add(error, durationMs);
  }

  private static void addLog(
      ServicePane service, LogRecord log, int templateId, String templateText) {
    service.severityCounts[LogSeverity.of(log.severityNumber, log.severityText).ordinal()]++;
    if (templateId == UNMINED) {
      return;
    }
    service.templateCounts.merge(templateId, 1L, Long::sum);
    if (templateText != null && templateId != LogTemplateMiner.OVERFLOW) {
      service.templateTexts.put(templateId, templateText);
    }
  }

  /** Whether this pane holds {@code service} (it fit within the services bound). */
  public boolean hasService(String service) {
    return services.containsKey(service);
  }

  void countOverflow(String bound) {
    overflow.merge(bound, 1L, Long::sum);
    onOverflow.accept(bound);
  }

  /** Counts {@code records} records that overflowed {@code bound}; the listener hears each. */
  void countOverflow(String bound, long records) {
    overflow.merge(bound, records, Long::sum);
    for (long i = 0; i < records; i++) {
      onOverflow.accept(bound);
    }
  }

  /**
   * Takes a part of this pane aggregated elsewhere (pre-aggregation, {@link PartialPane}) within
   * this pane's bounds, counting what does not fit. The part's own overflow was counted where it
   * arose and is added as it is. Its log records arrive unmined: see {@link #addTemplate}.
   */
  public void merge(SystemPane part, SliceSettings settings, Consumer<String> onOverflow) {
    this.onOverflow = onOverflow;
    try {
      part.overflow.forEach((bound, count) -> overflow.merge(bound, count, Long::sum));
      part.services.forEach(
          (name, from) -> {
            ServicePane into = services.get(name);
            if (into == null) {
              if (services.size() >= settings.maxServicesPerSystem()) {
                countOverflow("services", from.records());
                return;
              }
              into = new ServicePane();
              services.put(name, into);
            }
            into.merge(from, settings, this);
          });
      part.spanServices.forEach(
          (spanId, parent) -> {
            if (hasLinkRoom(settings)) {
              spanServices.put(spanId, parent);
            }
          });
      part.linkedRequests.forEach(
          (parentSpanId, request) -> {
            if (hasLinkRoom(settings)) {
              linkedRequests.put(parentSpanId, request);
            }
          });
    } finally {
      this.onOverflow = NO_LISTENER;
    }
  }

  /**
   * Counts {@code records} log records of {@code service} under template {@code templateId}, named
   * {@code templateText} right after they were mined: the mining of a merged part's messages. False
   * when the service is not in this pane (it did not fit; its records were counted then).
   */
  public boolean addTemplate(
      String service,
      int templateId,
      String templateText,
      long records,
      Consumer<String> onOverflow) {
    ServicePane pane = services.get(service);
    if (pane == null) {
      return false;
    }
    this.onOverflow = onOverflow;
    try {
      if (templateId == LogTemplateMiner.OVERFLOW) {
        countOverflow("templates", records);
      } else if (templateText != null) {
        pane.templateTexts.put(templateId, templateText);
      }
      pane.templateCounts.merge(templateId, records, Long::sum);
      return true;
    } finally {
      this.onOverflow = NO_LISTENER;
    }
  }
}
