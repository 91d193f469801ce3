package dev.runtimeslicer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.simulator.Telemetry.SpanRow;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceStructureTest {

  @ParameterizedTest
  @ValueSource(strings = {"online-shop", "ticketing", "social-network"})
  void tracesAreStructurallyValid(String system) {
    CollectingSink sink = new CollectingSink();
    Simulation simulation =
        Simulation.builder()
            .system(system)
            .duration(Duration.ofSeconds(60))
            .rate(20)
            .traceSampling(1.0)
            .seed(3)
            // The structure as the simulator builds it: with hosts' clocks a few ms apart, as by
            // default, a server span may start before its client span, as in real traces.
            .clockSpread(Duration.ZERO)
            .build();
    simulation.run(sink);
    Telemetry telemetry = new Telemetry(sink);
    assertThat(telemetry.spans).hasSizeGreaterThan(1000);

    Map<String, SpanRow> byId = new HashMap<>();
    for (SpanRow row : telemetry.spans) {
      Span span = row.span();
      assertThat(span.getTraceId().size()).isEqualTo(16);
      assertThat(span.getSpanId().size()).isEqualTo(8);
      assertThat(span.getEndTimeUnixNano()).isGreaterThanOrEqualTo(span.getStartTimeUnixNano());
      assertThat(
              byId.put(
                  Telemetry.hex(span.getTraceId().toByteArray())
                      + Telemetry.hex(span.getSpanId().toByteArray()),
                  row))
          .as("span ids are unique")
          .isNull();
    }
    Set<String> entries =
        simulation.topology().model().workload().mix().stream()
            .map(entry -> entry.entry())
            .collect(Collectors.toSet());
    for (SpanRow row : telemetry.spans) {
      Span span = row.span();
      String trace = Telemetry.hex(span.getTraceId().toByteArray());
      if (span.getParentSpanId().isEmpty()) {
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(entries).contains(row.service() + "/" + span.getName());
        continue;
      }
      SpanRow parent = byId.get(trace + Telemetry.hex(span.getParentSpanId().toByteArray()));
      assertThat(parent).as("parent of %s in %s", span.getName(), row.service()).isNotNull();
      if (span.getKind() == Span.SpanKind.SPAN_KIND_SERVER) {
        // A call A->B is a CLIENT span in A whose child is the SERVER span in B.
        assertThat(parent.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(parent.attribute("peer.service")).isEqualTo(row.service());
        assertThat(parent.span().getName()).isEqualTo(span.getName());
        assertThat(span.getStartTimeUnixNano())
            .isGreaterThanOrEqualTo(parent.span().getStartTimeUnixNano());
        if (!"timeout".equals(parent.attribute("error.type"))) {
          assertThat(span.getEndTimeUnixNano())
              .isLessThanOrEqualTo(parent.span().getEndTimeUnixNano());
        }
      } else {
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(parent.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(parent.service()).isEqualTo(row.service());
        assertThat(parent.instance()).isEqualTo(row.instance());
        assertThat(span.getStartTimeUnixNano())
            .isGreaterThanOrEqualTo(parent.span().getStartTimeUnixNano());
        assertThat(span.getEndTimeUnixNano())
            .isLessThanOrEqualTo(parent.span().getEndTimeUnixNano());
        assertThat(row.attribute("peer.service")).isNotNull();
      }
      String protocolStatus =
          row.attribute("http.response.status_code") != null
              ? "http"
              : row.attribute("rpc.grpc.status_code") != null
                  ? "grpc"
                  : row.attribute("db.system") != null ? "db" : null;
      if (row.attribute("error.type") == null || span.getKind() == Span.SpanKind.SPAN_KIND_SERVER) {
        assertThat(protocolStatus).as("status attribute of %s", span.getName()).isNotNull();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"online-shop"})
  void everyResourceAndSignalCarriesTheContractFields(String system) {
    CollectingSink sink = new CollectingSink();
    Simulation.builder()
        .system(system)
        .duration(Duration.ofSeconds(30))
        .rate(20)
        .traceSampling(1.0)
        .seed(4)
        .build()
        .run(sink);
    List<Resource> resources = new java.util.ArrayList<>();
    sink.traces.forEach(r -> r.getResourceSpansList().forEach(s -> resources.add(s.getResource())));
    sink.metrics.forEach(
        r -> r.getResourceMetricsList().forEach(s -> resources.add(s.getResource())));
    sink.logs.forEach(r -> r.getResourceLogsList().forEach(s -> resources.add(s.getResource())));
    for (Resource resource : resources) {
      for (String key :
          List.of(
              "service.name",
              "service.instance.id",
              "k8s.pod.name",
              "k8s.node.name",
              "host.name")) {
        assertThat(Telemetry.resourceAttribute(resource, key)).as(key).isNotBlank();
      }
      assertThat(Telemetry.resourceAttribute(resource, "deployment.environment")).isEqualTo(system);
      assertThat(Telemetry.resourceAttribute(resource, "host.name"))
          .isEqualTo(Telemetry.resourceAttribute(resource, "k8s.node.name"));
    }
    Telemetry telemetry = new Telemetry(sink);
    assertThat(Telemetry.names(telemetry.metrics))
        .contains(
            "container.cpu.utilization",
            "container.memory.usage",
            "container.network.io",
            "container.network.errors",
            "k8s.container.restart.count",
            "process.runtime.jvm.threads.count",
            "http.server.request.duration",
            "rpc.server.call.duration",
            "db.server.operation.duration",
            "http.server.request.rate",
            "http.server.request.error.rate",
            "http.server.request.duration.quantile",
            "container.disk.io");
    Metric histogram =
        telemetry.metrics.stream()
            .filter(m -> m.getName().equals("http.server.request.duration"))
            .findFirst()
            .orElseThrow();
    assertThat(histogram.hasHistogram()).isTrue();
    assertThat(histogram.getHistogram().getDataPoints(0).getExplicitBoundsList())
        .contains(0.005, 0.1, 1.0);
    assertThat(
            telemetry.points.stream()
                .filter(p -> p.metric().equals("container.network.io"))
                .map(
                    p -> Telemetry.attribute(p.point().getAttributesList(), "network.io.direction"))
                .distinct())
        .containsExactlyInAnyOrder("receive", "transmit");
    // Metrics every 10 s per instance.
    assertThat(sink.metrics).hasSize(3);
    assertThat(sink.metrics.get(0).getResourceMetricsCount())
        .isEqualTo(Simulation.builder().system(system).build().topology().instances().length);
    assertThat(telemetry.logs)
        .isNotEmpty()
        .allSatisfy(
            log -> {
              assertThat(log.record().getSeverityNumber())
                  .isNotEqualTo(SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED);
              assertThat(log.record().getSeverityText()).isNotBlank();
              assertThat(log.body()).isNotBlank();
              assertThat(log.record().getTimeUnixNano()).isPositive();
            });
    assertThat(telemetry.logs)
        .anySatisfy(
            log -> {
              assertThat(log.record().getTraceId().size()).isEqualTo(16);
              assertThat(log.record().getSpanId().size()).isEqualTo(8);
            });
  }
}
