package dev.runtimeslicer.simulator.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.simulator.CollectingSink;
import dev.runtimeslicer.simulator.Simulation;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RandomSystemGeneratorTest {

  private static final List<SystemModel> SYSTEMS =
      LongStream.range(0, 60).mapToObj(RandomSystemGenerator::generate).toList();

  @Test
  void everyDrawnSystemIsValidAndEveryServiceIsCalled() {
    for (SystemModel system : SYSTEMS) {
      Topology.compile(system);
      Set<String> called = new HashSet<>();
      system.workload().mix().forEach(entry -> called.add(service(entry.entry())));
      for (ServiceSpec service : system.services()) {
        for (OperationSpec operation : service.operations()) {
          operation
              .stepsOrEmpty()
              .forEach(step -> step.forEach(c -> called.add(c.targetService())));
        }
      }
      assertThat(called)
          .as(system.name())
          .containsExactlyInAnyOrderElementsOf(
              system.services().stream().map(ServiceSpec::name).toList());
      assertThat(system.services())
          .as("%s has a store for slow_database", system.name())
          .anyMatch(s -> ServiceKind.parse(s.kind(), s.name()).isStorage());
    }
  }

  @Test
  void aSeedAlwaysGivesTheSameSystemAndSeedsGiveVariedOnes() {
    assertThat(RandomSystemGenerator.generate("random:17"))
        .isEqualTo(RandomSystemGenerator.generate(17))
        .isEqualTo(SystemCatalog.load("random:17"));
    assertThat(RandomSystemGenerator.generate(17).name()).isEqualTo("random-17");

    List<Integer> sizes = SYSTEMS.stream().map(s -> s.services().size()).toList();
    assertThat(sizes.stream().mapToInt(Integer::intValue).min().orElseThrow()).isLessThan(10);
    assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElseThrow()).isGreaterThan(25);
    Set<String> firstNames = new HashSet<>();
    Set<String> descriptions = new HashSet<>();
    for (SystemModel system : SYSTEMS) {
      firstNames.add(system.services().get(1).name());
      descriptions.add(system.description().split(" ")[2]);
    }
    // Names and domains differ from system to system: nothing is learned from one fixed vocabulary.
    assertThat(firstNames).hasSizeGreaterThan(40);
    assertThat(descriptions).hasSizeGreaterThanOrEqualTo(5);
    assertThat(SYSTEMS.stream().map(SystemModel::metricNaming).distinct())
        .containsExactlyInAnyOrder("otel", "prometheus");
  }

  @Test
  void aSeedThatIsNotANumberIsRefusedWithAnExample() {
    assertThatThrownBy(() -> SystemCatalog.load("random:abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("integer seed")
        .hasMessageContaining("random:42");
  }

  @Test
  void aDrawnSystemRunsWithFaultsAndEveryServiceSendsSpans() {
    SystemModel system = RandomSystemGenerator.generate(5);
    CollectingSink sink = new CollectingSink();
    Simulation.builder()
        .system("random:5")
        .duration(Duration.ofMinutes(4))
        .faults(2)
        .seed(3)
        .traceSampling(0.5)
        .build()
        .run(sink);

    Set<String> sending = new HashSet<>();
    for (ExportTraceServiceRequest request : sink.traces) {
      for (ResourceSpans spans : request.getResourceSpansList()) {
        for (KeyValue attribute : spans.getResource().getAttributesList()) {
          if (attribute.getKey().equals("service.name")) {
            sending.add(attribute.getValue().getStringValue());
          }
        }
      }
    }
    assertThat(sink.labels).hasSize(2);
    assertThat(sending)
        .containsAll(
            system.services().stream()
                .filter(s -> !"db".equals(s.protocol()))
                .map(ServiceSpec::name)
                .toList());
  }

  private static String service(String reference) {
    return reference.substring(0, reference.indexOf('/'));
  }
}
