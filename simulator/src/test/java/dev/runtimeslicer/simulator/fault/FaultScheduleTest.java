package dev.runtimeslicer.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.model.format.FaultLabelJson;
import dev.runtimeslicer.simulator.system.SystemCatalog;
import dev.runtimeslicer.simulator.system.Topology;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

  private static final Topology TICKETING = Topology.compile(SystemCatalog.builtIn("ticketing"));
  private static final long START = 1_767_225_600_000_000_000L;

  @Test
  void randomScheduleCoversEveryTypeWithoutOverlapAfterWarmup() {
    Duration sixHours = Duration.ofHours(6);
    List<Fault> faults =
        FaultSchedule.random(TICKETING, 18, START, sixHours, new SplittableRandom(9));
    assertThat(faults).hasSize(18);
    assertThat(faults.stream().map(Fault::type).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(FaultType.values()));
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      assertThat(fault.startNanos())
          .isGreaterThanOrEqualTo(START + Duration.ofMinutes(10).toNanos());
      assertThat(fault.endNanos()).isLessThanOrEqualTo(START + sixHours.toNanos());
      assertThat(fault.durationSeconds()).isBetween(60.0, 900.0);
      if (i > 0) {
        assertThat(fault.startNanos()).isGreaterThanOrEqualTo(faults.get(i - 1).endNanos());
      }
      int service = TICKETING.serviceIndex(fault.target().service());
      assertThat(fault.type().fits(TICKETING.services()[service])).isTrue();
      assertThat(FaultInjector.affected(TICKETING, fault.target())).isNotEmpty();
    }
  }

  @Test
  void labelsHaveExactlyTheContractFields() throws Exception {
    Fault fault =
        new Fault(
            "fault-001",
            FaultType.POD_KILL,
            new FaultTarget("ts-order-service", "pod-a", "tt-node-2"),
            START,
            START + 60_000_000_000L,
            0.5);
    JsonNode json = new ObjectMapper().readTree(FaultLabelJson.write(fault.label("ticketing")));
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("system", "id", "type", "start", "end", "rootCause");
    assertThat(json.get("type").asText()).isEqualTo("pod_kill");
    assertThat(json.get("start").asLong()).isEqualTo(START / 1_000_000);
    assertThat(json.get("end").asLong() - json.get("start").asLong()).isEqualTo(60_000);
    assertThat(json.get("rootCause").get("node").asText()).isEqualTo("tt-node-2");

    Fault serviceLevel =
        new Fault(
            "fault-002",
            FaultType.CONFIG_ERROR,
            new FaultTarget("ts-order-service", null, null),
            START,
            START + 1,
            0.5);
    JsonNode rootCause =
        new ObjectMapper()
            .readTree(FaultLabelJson.write(serviceLevel.label("ticketing")))
            .get("rootCause");
    assertThat(rootCause.fieldNames()).toIterable().containsExactly("service");
    assertThat(FaultLabelJson.parse(FaultLabelJson.write(fault.label("ticketing")), "test"))
        .isEqualTo(fault.label("ticketing"));
  }

  @Test
  void scriptedFaultsResolveTargetsAndRejectWrongScopes() {
    List<Fault> faults =
        FaultSchedule.scripted(
            TICKETING,
            List.of(
                new FaultSpec("slow_disk", "ts-mysql", "0", null, "5m", "90s", null),
                new FaultSpec("network_delay", null, null, "tt-node-3", "1m", "2m", 0.2)),
            START);
    assertThat(faults.get(0).type()).isEqualTo(FaultType.NETWORK_DELAY);
    assertThat(faults.get(0).target().scope()).isEqualTo(FaultScope.NODE);
    assertThat(faults.get(1).type()).isEqualTo(FaultType.SLOW_DATABASE);
    assertThat(faults.get(1).target().instance()).startsWith("ts-mysql-");
    assertThat(faults.get(1).durationSeconds()).isEqualTo(90.0);
    assertThatThrownBy(
            () ->
                FaultSchedule.scripted(
                    TICKETING,
                    List.of(
                        new FaultSpec(
                            "pod_kill", "ts-order-service", null, null, "1m", "1m", null)),
                    START))
        .hasMessageContaining("pod_kill cannot target a whole service");
    assertThatThrownBy(() -> FaultType.parse("disk_full")).hasMessageContaining("cpu_saturation");
  }
}
