package dev.runtimeslicer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.simulator.Telemetry.SpanRow;
import dev.runtimeslicer.simulator.fault.FaultSpec;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Each fault type moves the expected signals at its root cause and shows upstream. Every scenario
 * runs the online shop for 4 minutes with the fault in the last 2; "baseline" is minute 1-2.
 */
class FaultSignatureTest {

  private static final long MINUTE = 60_000_000_000L;
  private static final long T0 = Simulation.DEFAULT_START.getEpochSecond() * 1_000_000_000L;
  private static final long BASELINE_FROM = T0 + MINUTE;
  private static final long FAULT_FROM = T0 + 2 * MINUTE;
  private static final long END = T0 + 4 * MINUTE;

  /** A finished scenario with helpers comparing the baseline with the fault window. */
  private static final class Scenario {
    final Telemetry telemetry;
    final List<FaultLabel> labels;
    final String instance;

    Scenario(String type, String service, String replica, double intensity) {
      CollectingSink sink = new CollectingSink();
      Simulation simulation =
          Simulation.builder()
              .system("online-shop")
              .duration(Duration.ofMinutes(4))
              .rate(40)
              .traceSampling(1.0)
              .seed(11)
              .faults(List.of(new FaultSpec(type, service, replica, null, "2m", "2m", intensity)))
              .build();
      simulation.run(sink);
      telemetry = new Telemetry(sink);
      labels = sink.labels;
      instance = labels.get(0).rootCauseInstance();
    }

    List<SpanRow> baseline(Predicate<SpanRow> filter) {
      return telemetry.spans(filter, BASELINE_FROM, FAULT_FROM);
    }

    List<SpanRow> during(Predicate<SpanRow> filter) {
      return telemetry.spans(filter, FAULT_FROM, END);
    }

    double metricBefore(String metric) {
      return telemetry.meanMetric(
          metric, p -> p.instance().equals(instance), BASELINE_FROM, FAULT_FROM);
    }

    double metricDuring(String metric) {
      return telemetry.meanMetric(metric, p -> p.instance().equals(instance), FAULT_FROM + 1, END);
    }

    double maxDuring(String metric) {
      return telemetry.maxMetric(metric, p -> p.instance().equals(instance), FAULT_FROM + 1, END);
    }

    long logsDuring(String service, String fragment) {
      return telemetry
          .logs(l -> l.service().equals(service) && l.body().contains(fragment), FAULT_FROM, END)
          .size();
    }

    long logsBefore(String service, String fragment) {
      return telemetry
          .logs(
              l -> l.service().equals(service) && l.body().contains(fragment),
              BASELINE_FROM,
              FAULT_FROM)
          .size();
    }
  }

  private static Predicate<SpanRow> server(String service) {
    return row ->
        row.service().equals(service) && row.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER;
  }

  private static Predicate<SpanRow> serverOn(String instance) {
    return row ->
        row.instance().equals(instance) && row.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER;
  }

  private static Predicate<SpanRow> callsTo(String service) {
    return row ->
        row.span().getKind() == Span.SpanKind.SPAN_KIND_CLIENT
            && service.equals(row.attribute("peer.service"));
  }

  @Test
  void cpuSaturationBurnsCpuAndSlowsTheInstanceAndItsCallers() {
    Scenario s = new Scenario("cpu_saturation", "productcatalogservice", "0", 0.8);
    assertThat(s.labels.get(0).rootCauseNode()).isNotEmpty();
    assertThat(s.metricBefore("container.cpu.utilization")).isLessThan(0.3);
    assertThat(s.metricDuring("container.cpu.utilization")).isGreaterThan(0.85);
    assertThat(Telemetry.quantileMillis(s.during(serverOn(s.instance)), 0.5))
        .isGreaterThan(3 * Telemetry.quantileMillis(s.baseline(serverOn(s.instance)), 0.5));
    assertThat(Telemetry.meanMillis(s.during(server("frontend"))))
        .isGreaterThan(1.2 * Telemetry.meanMillis(s.baseline(server("frontend"))));
  }

  @Test
  void memoryLeakGrowsMemoryUntilAnOomRestartThatCallersNotice() {
    Scenario s = new Scenario("memory_leak", "cartservice", "0", 1.0);
    assertThat(s.maxDuring("container.memory.usage"))
        .isGreaterThan(2 * s.metricBefore("container.memory.usage"));
    assertThat(s.maxDuring("k8s.container.restart.count")).isGreaterThanOrEqualTo(1);
    assertThat(s.logsDuring("cartservice", "OutOfMemoryError")).isPositive();
    assertThat(s.logsDuring("cartservice", "Started")).isPositive();
    assertThat(Telemetry.errorRate(s.during(callsTo("cartservice"))))
        .isGreaterThan(Telemetry.errorRate(s.baseline(callsTo("cartservice"))));
    assertThat(s.logsDuring("frontend", "cartservice")).isPositive();
  }

  @Test
  void networkDelayLengthensCallsButNotTheCalleesOwnSpans() {
    Scenario s = new Scenario("network_delay", "currencyservice", "0", 0.5);
    double ownBefore = Telemetry.quantileMillis(s.baseline(serverOn(s.instance)), 0.5);
    double ownDuring = Telemetry.quantileMillis(s.during(serverOn(s.instance)), 0.5);
    assertThat(ownDuring).isLessThan(2 * ownBefore);
    assertThat(Telemetry.quantileMillis(s.during(callsTo("currencyservice")), 0.75))
        .isGreaterThan(100);
    assertThat(Telemetry.quantileMillis(s.baseline(callsTo("currencyservice")), 0.75))
        .isLessThan(10);
    assertThat(Telemetry.meanMillis(s.during(server("frontend"))))
        .isGreaterThan(1.5 * Telemetry.meanMillis(s.baseline(server("frontend"))));
  }

  @Test
  void packetLossCountsNetworkErrorsAndDelaysOrBreaksCalls() {
    Scenario s = new Scenario("packet_loss", "productcatalogservice", "0", 0.8);
    assertThat(s.metricBefore("container.network.errors")).isZero();
    assertThat(s.maxDuring("container.network.errors")).isGreaterThan(10);
    assertThat(Telemetry.quantileMillis(s.during(callsTo("productcatalogservice")), 0.95))
        .isGreaterThan(150);
    assertThat(Telemetry.errorRate(s.during(callsTo("productcatalogservice"))))
        .isGreaterThan(Telemetry.errorRate(s.baseline(callsTo("productcatalogservice"))));
    assertThat(Telemetry.meanMillis(s.during(server("frontend"))))
        .isGreaterThan(1.5 * Telemetry.meanMillis(s.baseline(server("frontend"))));
  }

  @Test
  void http5xxFailsTheServiceAndItsCallers() {
    Scenario s = new Scenario("http_5xx", "productcatalogservice", null, 0.5);
    assertThat(s.labels.get(0).rootCauseInstance()).isEmpty();
    assertThat(Telemetry.errorRate(s.baseline(server("productcatalogservice")))).isLessThan(0.01);
    assertThat(Telemetry.errorRate(s.during(server("productcatalogservice")))).isGreaterThan(0.3);
    assertThat(Telemetry.errorRate(s.during(server("frontend"))))
        .isGreaterThan(Telemetry.errorRate(s.baseline(server("frontend"))) + 0.2);
    assertThat(s.logsDuring("productcatalogservice", "INTERNAL_SERVER_ERROR")).isPositive();
  }

  @Test
  void podKillCrashLoopsAndCallersGetRefusedConnections() {
    Scenario s = new Scenario("pod_kill", "shippingservice", "0", 0.7);
    assertThat(s.maxDuring("k8s.container.restart.count")).isGreaterThanOrEqualTo(2);
    assertThat(s.logsDuring("shippingservice", "Started")).isPositive();
    assertThat(s.during(callsTo("shippingservice")))
        .anySatisfy(row -> assertThat(row.attribute("error.type")).isEqualTo("connection_refused"));
    assertThat(Telemetry.errorRate(s.during(server("frontend"))))
        .isGreaterThan(Telemetry.errorRate(s.baseline(server("frontend"))) + 0.02);
  }

  @Test
  void slowDatabaseSlowsQueriesDiskAndEveryCallerUpTheChain() {
    Scenario s = new Scenario("slow_database", "redis-cart", "0", 0.5);
    assertThat(Telemetry.quantileMillis(s.during(server("redis-cart")), 0.5))
        .isGreaterThan(5 * Telemetry.quantileMillis(s.baseline(server("redis-cart")), 0.5));
    assertThat(s.metricDuring("container.disk.operation.duration"))
        .isGreaterThan(5 * s.metricBefore("container.disk.operation.duration"));
    assertThat(s.logsDuring("redis-cart", "slowlog")).isPositive();
    assertThat(Telemetry.meanMillis(s.during(server("cartservice"))))
        .isGreaterThan(3 * Telemetry.meanMillis(s.baseline(server("cartservice"))));
    assertThat(Telemetry.meanMillis(s.during(server("frontend"))))
        .isGreaterThan(1.3 * Telemetry.meanMillis(s.baseline(server("frontend"))));
  }

  @Test
  void configErrorShowsMainlyInLogs() {
    Scenario s = new Scenario("config_error", "cartservice", null, 0.5);
    assertThat(s.logsBefore("cartservice", "client.retry.backoff")).isZero();
    assertThat(s.logsDuring("cartservice", "client.retry.backoff")).isGreaterThan(100);
    assertThat(s.logsDuring("cartservice", "Configuration reloaded")).isEqualTo(2);
    double errors = Telemetry.errorRate(s.during(server("cartservice")));
    assertThat(errors).isGreaterThan(0.005).isLessThan(0.1);
    assertThat(Telemetry.errorRate(s.during(server("frontend"))))
        .isGreaterThan(Telemetry.errorRate(s.baseline(server("frontend"))));
  }

  @Test
  void threadPoolExhaustionPinsThreadsQueuesAndRejects() {
    Scenario s = new Scenario("thread_pool_exhaustion", "productcatalogservice", "0", 0.6);
    assertThat(s.metricBefore("process.runtime.jvm.threads.count")).isLessThan(50);
    assertThat(s.metricDuring("process.runtime.jvm.threads.count")).isGreaterThanOrEqualTo(200);
    assertThat(Telemetry.quantileMillis(s.during(serverOn(s.instance)), 0.5))
        .isGreaterThan(10 * Telemetry.quantileMillis(s.baseline(serverOn(s.instance)), 0.5));
    assertThat(s.logsDuring("productcatalogservice", "RejectedExecutionException")).isPositive();
    assertThat(Telemetry.meanMillis(s.during(server("frontend"))))
        .isGreaterThan(2 * Telemetry.meanMillis(s.baseline(server("frontend"))));
  }
}
