package dev.runtimeslicer.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostClockSkewTest {

  private static final Duration AHEAD = Duration.ofMinutes(3);

  private static CollectingSink simulate(String skewedHost) {
    CollectingSink sink = new CollectingSink();
    Simulation.Builder builder =
        Simulation.builder()
            .system("online-shop")
            .duration(Duration.ofMinutes(2))
            .seed(4)
            .duplicateDeliveries(0);
    if (skewedHost != null) {
      builder.clockSkew(skewedHost, AHEAD);
    }
    builder.build().run(sink);
    return sink;
  }

  private static String host(Resource resource) {
    return resource.getAttributesList().stream()
        .filter(a -> a.getKey().equals("host.name"))
        .map(KeyValue::getValue)
        .map(v -> v.getStringValue())
        .findFirst()
        .orElseThrow();
  }

  /** Every timestamp of the run with its host: span ends, log times, metric point times. */
  private static List<long[]> stamps(CollectingSink sink, String host) {
    List<long[]> stamps = new ArrayList<>();
    sink.traces.forEach(
        r ->
            r.getResourceSpansList().stream()
                .filter(rs -> host.equals(host(rs.getResource())))
                .forEach(
                    rs ->
                        rs.getScopeSpansList()
                            .forEach(
                                s ->
                                    s.getSpansList()
                                        .forEach(
                                            span ->
                                                stamps.add(
                                                    new long[] {
                                                      span.getStartTimeUnixNano(),
                                                      span.getEndTimeUnixNano()
                                                    })))));
    sink.logs.forEach(
        r ->
            r.getResourceLogsList().stream()
                .filter(rl -> host.equals(host(rl.getResource())))
                .forEach(
                    rl ->
                        rl.getScopeLogsList()
                            .forEach(
                                s ->
                                    s.getLogRecordsList()
                                        .forEach(
                                            log ->
                                                stamps.add(new long[] {log.getTimeUnixNano()})))));
    sink.metrics.forEach(
        r ->
            r.getResourceMetricsList().stream()
                .filter(rm -> host.equals(host(rm.getResource())))
                .forEach(
                    rm ->
                        rm.getScopeMetricsList()
                            .forEach(
                                s ->
                                    s.getMetricsList()
                                        .forEach(
                                            m -> {
                                              if (m.hasGauge()) {
                                                m.getGauge()
                                                    .getDataPointsList()
                                                    .forEach(
                                                        p ->
                                                            stamps.add(
                                                                new long[] {p.getTimeUnixNano()}));
                                              } else if (m.hasSum()) {
                                                m.getSum()
                                                    .getDataPointsList()
                                                    .forEach(
                                                        p ->
                                                            stamps.add(
                                                                new long[] {
                                                                  p.getStartTimeUnixNano(),
                                                                  p.getTimeUnixNano()
                                                                }));
                                              } else if (m.hasHistogram()) {
                                                m.getHistogram()
                                                    .getDataPointsList()
                                                    .forEach(
                                                        p ->
                                                            stamps.add(
                                                                new long[] {
                                                                  p.getStartTimeUnixNano(),
                                                                  p.getTimeUnixNano()
                                                                }));
                                              }
                                            }))));
    return stamps;
  }

  @Test
  void aSkewedHostStampsAllItsTelemetryAheadAndNoOtherHostChanges() {
    CollectingSink right = simulate(null);
    List<String> hosts = Simulation.builder().system("online-shop").build().topology().nodes();
    assertThat(hosts).hasSizeGreaterThan(1);
    String skewed = hosts.get(0);
    CollectingSink skewedRun = simulate(skewed);

    List<long[]> before = stamps(right, skewed);
    List<long[]> after = stamps(skewedRun, skewed);
    assertThat(after).hasSameSizeAs(before).isNotEmpty();
    for (int i = 0; i < before.size(); i++) {
      for (int j = 0; j < before.get(i).length; j++) {
        assertThat(after.get(i)[j] - before.get(i)[j]).isEqualTo(AHEAD.toNanos());
      }
    }
    for (String other : hosts.subList(1, hosts.size())) {
      assertThat(stamps(skewedRun, other))
          .as(other)
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(stamps(right, other));
    }
  }

  @Test
  void aSkewInjectedForAStretchStampsOnlyWhatTheHostExportsMeanwhile() {
    List<String> hosts = Simulation.builder().system("online-shop").build().topology().nodes();
    String skewed = hosts.get(0);
    CollectingSink right = simulate(null);
    CollectingSink skewedRun = new CollectingSink();
    Simulation simulation =
        Simulation.builder()
            .system("online-shop")
            .duration(Duration.ofMinutes(2))
            .seed(4)
            .duplicateDeliveries(0)
            .clockSkew(skewed, AHEAD, Duration.ofSeconds(40), Duration.ofSeconds(40))
            .build();
    simulation.run(skewedRun);
    long start = simulation.start().getEpochSecond() * 1_000_000_000L;

    List<long[]> before = stamps(right, skewed);
    List<long[]> after = stamps(skewedRun, skewed);
    assertThat(after).hasSameSizeAs(before);
    int moved = 0;
    for (int i = 0; i < before.size(); i++) {
      long stamp =
          before.get(i)[before.get(i).length - 1]
              - start; // the item's own time: span end, point or log time
      long shift = after.get(i)[0] - before.get(i)[0];
      assertThat(shift).isIn(0L, AHEAD.toNanos());
      if (stamp < Duration.ofSeconds(30).toNanos() || stamp >= Duration.ofSeconds(90).toNanos()) {
        assertThat(shift).as("exported before or after the skew").isZero();
      } else if (stamp >= Duration.ofSeconds(50).toNanos()
          && stamp < Duration.ofSeconds(70).toNanos()) {
        assertThat(shift)
            .as("stamped and exported while the clock was off")
            .isEqualTo(AHEAD.toNanos());
      }
      moved += shift == 0 ? 0 : 1;
    }
    assertThat(moved).isGreaterThan(0).isLessThan(before.size());
  }

  @Test
  void byDefaultEveryHostsClockIsALittleOffEachByItsOwnFixedAmount() {
    CollectingSink exact = new CollectingSink();
    Simulation.builder()
        .system("online-shop")
        .duration(Duration.ofMinutes(2))
        .seed(4)
        .duplicateDeliveries(0)
        .clockSpread(Duration.ZERO)
        .build()
        .run(exact);
    CollectingSink spread = simulate(null);
    List<String> hosts = Simulation.builder().system("online-shop").build().topology().nodes();

    java.util.Set<Long> offsets = new java.util.HashSet<>();
    for (String host : hosts) {
      List<long[]> before = stamps(exact, host);
      List<long[]> after = stamps(spread, host);
      assertThat(after).as(host).hasSameSizeAs(before).isNotEmpty();
      long offset = after.get(0)[0] - before.get(0)[0];
      assertThat(Math.abs(offset)).isLessThanOrEqualTo(Simulation.DEFAULT_CLOCK_SPREAD.toNanos());
      for (int i = 0; i < before.size(); i++) {
        for (int j = 0; j < before.get(i).length; j++) {
          assertThat(after.get(i)[j] - before.get(i)[j]).as(host).isEqualTo(offset);
        }
      }
      offsets.add(offset);
    }
    assertThat(offsets).as("hosts' offsets").hasSizeGreaterThan(1);
    // Only the stamps move: the same records in the same deliveries.
    assertThat(spread.traces).hasSameSizeAs(exact.traces);
    assertThat(spread.logs).hasSameSizeAs(exact.logs);
    assertThat(spread.metrics).hasSameSizeAs(exact.metrics);
  }

  @Test
  void aNegativeClockSpreadIsRefused() {
    assertThatThrownBy(() -> Simulation.builder().clockSpread(Duration.ofMillis(-1)))
        .hasMessageContaining("clock spread must be >= 0");
  }

  @Test
  void aHostTheSystemDoesNotHaveIsRefused() {
    assertThatThrownBy(
            () ->
                Simulation.builder().system("online-shop").clockSkew("no-such-node", AHEAD).build())
        .hasMessageContaining("no host no-such-node");
  }
}
