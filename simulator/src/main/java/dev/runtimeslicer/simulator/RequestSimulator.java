package dev.runtimeslicer.simulator;

import com.google.protobuf.ByteString;
import dev.runtimeslicer.simulator.fault.FailureCause;
import dev.runtimeslicer.simulator.fault.InstanceHealth;
import dev.runtimeslicer.simulator.otlp.Ids;
import dev.runtimeslicer.simulator.otlp.InstanceMetrics;
import dev.runtimeslicer.simulator.otlp.LogBatch;
import dev.runtimeslicer.simulator.otlp.Severity;
import dev.runtimeslicer.simulator.otlp.SpanFactory;
import dev.runtimeslicer.simulator.otlp.SpanFactory.ClientError;
import dev.runtimeslicer.simulator.otlp.TraceBatch;
import dev.runtimeslicer.simulator.system.Call;
import dev.runtimeslicer.simulator.system.Operation;
import dev.runtimeslicer.simulator.system.Outcome;
import dev.runtimeslicer.simulator.system.Service;
import dev.runtimeslicer.simulator.system.Topology;
import java.util.random.RandomGenerator;

/**
 * Walks one request through the call graph: each operation spends half its own time before its call
 * steps and half after; calls in a step run in parallel; faults on the instances involved change
 * latency, outcome, retries and timeouts, and failures propagate to callers. Every request counts
 * in the metrics and may write logs; spans are recorded only for sampled requests.
 */
final class RequestSimulator {

  private static final double NANOS_PER_MILLI = 1e6;
  private static final double NANOS_PER_SECOND = 1e9;

  /** Offset between the starts of calls dispatched together in one parallel step. */
  private static final long PARALLEL_STAGGER_NANOS = 40_000;

  /** A failing operation gives up after this share of its own time. */
  private static final double FAIL_FAST_SHARE = 0.3;

  private static final double REFUSED_MIN_MS = 0.3;
  private static final double REFUSED_SPREAD_MS = 1.5;
  private static final double REJECT_MS = 0.5;

  /** TCP retransmission timeout after a lost packet (Linux minimum RTO is 200 ms). */
  private static final double RETRANSMIT_MS = 200;

  /** Share of lossy calls whose connection is reset instead of recovering. */
  private static final double RESET_SHARE_OF_LOSS = 0.2;

  private static final double BYTES_PER_PACKET = 1448;
  private static final double RETRY_BACKOFF_MS = 25;

  /** A successful call longer than this share of its timeout logs a slow-call warning. */
  private static final double SLOW_CALL_SHARE = 0.5;

  private static final double SLOW_QUERY_MS = 10;
  private static final double SLOW_QUERY_LOG_SHARE = 0.2;
  private static final double DISK_OPERATION_SECONDS = 0.0004;

  /** Kubernetes removes a dead pod from the service endpoints after about this long. */
  private static final long ENDPOINT_REMOVAL_NANOS = 5_000_000_000L;

  private final Topology topology;
  private final Operation[] operations;
  private final Service[] services;
  private final InstanceHealth[] health;
  private final InstanceMetrics[] metrics;
  private final double[] loadFactor;
  private final RandomGenerator random;
  private final RandomGenerator ids;
  private final SpanFactory spans;
  private final TraceBatch traces;
  private final LogBatch logs;

  /** The outcome of the last {@link #serve} or {@link #call}; avoids a result object per span. */
  private Outcome lastOutcome = Outcome.OK;

  private boolean sampled;
  private ByteString traceId;
  private long spansRecorded;
  private long completedRequests;

  RequestSimulator(
      Topology topology,
      InstanceHealth[] health,
      InstanceMetrics[] metrics,
      double[] loadFactor,
      RandomGenerator random,
      RandomGenerator ids,
      TraceBatch traces,
      LogBatch logs) {
    this.topology = topology;
    this.operations = topology.operations();
    this.services = topology.services();
    this.health = health;
    this.metrics = metrics;
    this.loadFactor = loadFactor;
    this.random = random;
    this.ids = ids;
    this.spans = new SpanFactory(topology);
    this.traces = traces;
    this.logs = logs;
  }

  /** Simulates one request to entry operation {@code operation} arriving at {@code startNanos}. */
  void request(int operation, long startNanos, boolean keepTrace) {
    int instance = route(services[operations[operation].service()], startNanos);
    if (health[instance].isDown(startNanos)) {
      // The external load balancer has no live backend: the request never reaches the system.
      return;
    }
    sampled = keepTrace;
    traceId = Ids.traceId(ids.nextLong(), ids.nextLong());
    serve(operation, instance, startNanos, 0);
  }

  long spansRecorded() {
    return spansRecorded;
  }

  long completedRequests() {
    return completedRequests;
  }

  /**
   * Handles an operation on an instance; returns the end time, the outcome in {@link #lastOutcome}.
   */
  private long serve(int operation, int instance, long start, long parentSpanId) {
    Operation op = operations[operation];
    Service service = services[op.service()];
    InstanceHealth conditions = health[instance];
    long spanId = nextSpanId();
    long t = start;
    Outcome outcome = Outcome.OK;
    FailureCause cause = null;
    double ownMs = 0;
    if (conditions.rejectRate() > 0 && random.nextDouble() < conditions.rejectRate()) {
      t += (long) (REJECT_MS * NANOS_PER_MILLI);
      outcome = Outcome.REJECTED;
      log(instance, t, Severity.ERROR, LogTemplates.rejected(service, completedRequests), spanId);
    } else {
      if (conditions.queueWaitMs() > 0) {
        t +=
            (long)
                (-Math.log(1 - random.nextDouble()) * conditions.queueWaitMs() * NANOS_PER_MILLI);
      }
      ownMs = op.ownTime().sampleMs(random) * conditions.latencyFactor() * loadFactor[instance];
      long ownNanos = (long) (ownMs * NANOS_PER_MILLI);
      if (conditions.errorRate() > 0 && random.nextDouble() < conditions.errorRate()) {
        t += (long) (ownNanos * FAIL_FAST_SHARE);
        outcome = conditions.errorOutcome();
        cause = conditions.errorCause();
      } else {
        t += ownNanos / 2;
        for (Call[] step : op.steps()) {
          long stepEnd = t;
          long callStart = t;
          for (Call call : step) {
            if (call.probability() < 1 && random.nextDouble() >= call.probability()) {
              continue;
            }
            long end = call(call, instance, callStart, spanId);
            stepEnd = Math.max(stepEnd, end);
            if (lastOutcome.failed() && !call.optional()) {
              outcome = Outcome.DOWNSTREAM;
            }
            callStart += PARALLEL_STAGGER_NANOS;
          }
          t = stepEnd;
          if (outcome.failed()) {
            break;
          }
        }
        if (!outcome.failed() && op.errorRate() > 0 && random.nextDouble() < op.errorRate()) {
          outcome = Outcome.INTERNAL;
          cause = FailureCause.BUG;
        }
        t += ownNanos - ownNanos / 2;
      }
    }
    if (conditions.configErrorLogRate() > 0
        && cause != FailureCause.CONFIG
        && random.nextDouble() < conditions.configErrorLogRate()) {
      log(instance, t, Severity.ERROR, LogTemplates.configFailure(service, op.name()), spanId);
    }
    if (cause != null) {
      log(
          instance,
          t,
          Severity.ERROR,
          LogTemplates.failure(cause, service, op.name(), random),
          spanId);
    }
    double seconds = (t - start) / NANOS_PER_SECOND;
    InstanceMetrics measured = metrics[instance];
    measured.served(
        seconds, outcome.failed(), ownMs / 1000 * service.resources().cpuShareOfLatency());
    measured.received(op.requestBytes());
    measured.transmitted(op.responseBytes());
    if (service.kind().isStorage()) {
      measured.disk(
          op.responseBytes(),
          op.requestBytes() / 2.0,
          DISK_OPERATION_SECONDS * conditions.diskLatencyFactor() * (0.5 + random.nextDouble()));
      if (conditions.slowQueries()
          && ownMs > SLOW_QUERY_MS
          && random.nextDouble() < SLOW_QUERY_LOG_SHARE) {
        log(
            instance,
            t,
            Severity.WARN,
            LogTemplates.slowQuery(service, op.name(), ownMs, random),
            spanId);
      }
    }
    // Access lines are sampled like traces (failures always logged): full access logs would
    // dominate the output.
    if (service.accessLog() && (sampled || outcome.failed())) {
      log(
          instance,
          t,
          outcome.failed() ? Severity.WARN : Severity.INFO,
          LogTemplates.access(
              service, op.name(), outcome, op.responseBytes(), seconds * 1000, random),
          spanId);
    }
    if (sampled) {
      traces.add(
          instance, spans.server(traceId, spanId, parentSpanId, operation, start, t, outcome));
      spansRecorded++;
    }
    if (parentSpanId == 0) {
      completedRequests++;
    }
    lastOutcome = outcome;
    return t;
  }

  /**
   * Makes a call with retries from {@code caller}; returns the end time, the outcome in {@link
   * #lastOutcome}.
   */
  private long call(Call call, int caller, long start, long parentSpanId) {
    Operation target = operations[call.targetOperation()];
    Service callee = services[call.targetService()];
    int attempts = 1 + call.retries();
    long t = start;
    for (int attempt = 0; ; attempt++) {
      int instance = route(callee, t);
      long clientSpanId = nextSpanId();
      InstanceHealth conditions = health[instance];
      metrics[caller].transmitted(target.requestBytes());
      long end;
      Outcome outcome;
      ClientError clientError = ClientError.NONE;
      if (conditions.isDown(t)) {
        end =
            t
                + (long)
                    ((REFUSED_MIN_MS + REFUSED_SPREAD_MS * random.nextDouble()) * NANOS_PER_MILLI);
        outcome = Outcome.UNAVAILABLE;
        clientError = ClientError.CONNECTION_REFUSED;
      } else {
        double requestMs = topology.networkLatency().sampleMs(random) + conditions.inboundDelayMs();
        double responseMs =
            topology.networkLatency().sampleMs(random) + health[caller].inboundDelayMs();
        double loss = Math.max(conditions.packetLoss(), health[caller].packetLoss());
        boolean reset = false;
        if (loss > 0) {
          double packets = (target.requestBytes() + target.responseBytes()) / BYTES_PER_PACKET + 2;
          metrics[instance].dropped(packets * loss / 2, packets * loss / 2);
          metrics[caller].dropped(packets * loss / 2, packets * loss / 2);
          if (random.nextDouble() < loss) {
            reset = random.nextDouble() < RESET_SHARE_OF_LOSS;
            requestMs += RETRANSMIT_MS * (1 + random.nextDouble());
          }
        }
        if (reset) {
          end = t + (long) (requestMs * NANOS_PER_MILLI);
          outcome = Outcome.UNAVAILABLE;
          clientError = ClientError.CONNECTION_RESET;
        } else {
          long served =
              serve(
                  call.targetOperation(),
                  instance,
                  t + (long) (requestMs * NANOS_PER_MILLI),
                  clientSpanId);
          end = served + (long) (responseMs * NANOS_PER_MILLI);
          outcome = lastOutcome;
        }
      }
      if (end - t > call.timeoutNanos()) {
        end = t + call.timeoutNanos();
        outcome = Outcome.TIMEOUT;
        clientError = ClientError.TIMEOUT;
      }
      metrics[caller].received(
          outcome.failed() ? target.requestBytes() / 4.0 : target.responseBytes());
      if (sampled) {
        traces.add(
            caller,
            spans.client(
                traceId,
                clientSpanId,
                parentSpanId,
                call.targetOperation(),
                t,
                end,
                outcome,
                clientError));
        spansRecorded++;
      }
      boolean retrying = outcome.retryable() && attempt + 1 < attempts;
      if (outcome.failed()) {
        log(
            caller,
            end,
            retrying ? Severity.WARN : Severity.ERROR,
            LogTemplates.callFailed(
                callee,
                target.name(),
                outcome,
                clientError,
                call.timeoutNanos() / NANOS_PER_MILLI,
                attempt + 1,
                attempts,
                retrying),
            parentSpanId);
      } else if (end - t > SLOW_CALL_SHARE * call.timeoutNanos()) {
        log(
            caller,
            end,
            Severity.WARN,
            LogTemplates.slowCall(callee, target.name(), (end - t) / NANOS_PER_MILLI),
            parentSpanId);
      }
      if (!retrying) {
        lastOutcome = outcome;
        return end;
      }
      t = end + (long) (RETRY_BACKOFF_MS * (1 + random.nextDouble()) * NANOS_PER_MILLI);
    }
  }

  /**
   * Picks a replica at random. A replica that has been down for a while is out of the service
   * endpoints, so another live replica takes the call; a freshly dead one still gets its share.
   */
  private int route(Service service, long now) {
    int[] replicas = service.instances();
    int pick = replicas.length == 1 ? 0 : random.nextInt(replicas.length);
    int instance = replicas[pick];
    InstanceHealth chosen = health[instance];
    if (chosen.isDown(now) && now - chosen.downSinceNanos() > ENDPOINT_REMOVAL_NANOS) {
      for (int i = 1; i < replicas.length; i++) {
        int other = replicas[(pick + i) % replicas.length];
        if (!health[other].isDown(now)) {
          return other;
        }
      }
    }
    return instance;
  }

  private long nextSpanId() {
    long id;
    do {
      id = ids.nextLong();
    } while (id == 0);
    return id;
  }

  private void log(int instance, long timeNanos, Severity severity, String body, long spanId) {
    logs.add(instance, timeNanos, severity, body, traceId, Ids.spanId(spanId));
  }
}
