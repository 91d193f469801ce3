package dev.runtimeslicer.simulator.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemCatalogTest {

  @Test
  void builtInSystemsCompileWithTheirRequiredSizes() {
    assertThat(Topology.compile(SystemCatalog.builtIn("online-shop")).services())
        .hasSizeBetween(10, 12);
    assertThat(Topology.compile(SystemCatalog.builtIn("ticketing")).services())
        .hasSizeGreaterThanOrEqualTo(30);
    assertThat(Topology.compile(SystemCatalog.builtIn("social-network")).services())
        .hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void builtInSystemsHaveDistinctTopologies() {
    Set<String> shapes = new HashSet<>();
    for (String name : SystemCatalog.BUILT_IN) {
      Topology topology = Topology.compile(SystemCatalog.builtIn(name));
      assertThat(topology.name()).isEqualTo(name);
      assertThat(topology.nodes()).hasSizeGreaterThan(1);
      int edges = 0;
      int parallelSteps = 0;
      int maxDepth = 0;
      for (Operation op : topology.operations()) {
        for (Call[] step : op.steps()) {
          edges += step.length;
          parallelSteps += step.length > 1 ? 1 : 0;
        }
        maxDepth = Math.max(maxDepth, depth(topology, op.index()));
      }
      assertThat(parallelSteps).as("parallel groups in %s", name).isPositive();
      assertThat(maxDepth).as("call depth in %s", name).isGreaterThanOrEqualTo(3);
      shapes.add(topology.services().length + "/" + edges + "/" + maxDepth);
    }
    assertThat(shapes).hasSize(3);
  }

  private static int depth(Topology topology, int operation) {
    int deepest = 0;
    for (Call[] step : topology.operations()[operation].steps()) {
      for (Call call : step) {
        deepest = Math.max(deepest, depth(topology, call.targetOperation()));
      }
    }
    return deepest + 1;
  }

  @Test
  void unknownSystemNamesTheChoices() {
    assertThatThrownBy(() -> SystemCatalog.load("no-such-system"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("online-shop")
        .hasMessageContaining("ticketing")
        .hasMessageContaining("path");
  }

  @Test
  void badCallReferenceIsReportedWithItsOperation() {
    SystemModel shop = SystemCatalog.builtIn("online-shop");
    ServiceSpec frontend = shop.services().get(0);
    OperationSpec broken =
        new OperationSpec(
            "GET /broken",
            LatencySpec.logNormal(1, 0.1),
            null,
            null,
            null,
            List.of(List.of(CallSpec.of("cartservice/NoSuchOp", 1.0))));
    List<OperationSpec> ops = new java.util.ArrayList<>(frontend.operations());
    ops.add(broken);
    List<ServiceSpec> services = new java.util.ArrayList<>(shop.services());
    services.set(
        0,
        new ServiceSpec(
            frontend.name(),
            frontend.protocol(),
            frontend.kind(),
            null,
            frontend.replicas(),
            frontend.accessLog(),
            frontend.resources(),
            ops));
    SystemModel model =
        new SystemModel(
            shop.name(), null, shop.defaults(), shop.nodes(), shop.workload(), services);
    assertThatThrownBy(() -> Topology.compile(model))
        .hasMessageContaining("frontend/GET /broken")
        .hasMessageContaining("cartservice/NoSuchOp");
  }

  @Test
  void systemFilesRoundTrip(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("shop.json");
    SystemCatalog.write(SystemCatalog.builtIn("online-shop"), file);
    assertThat(Files.readString(file)).contains("\"frontend\"");
    assertThat(SystemCatalog.load(file.toString())).isEqualTo(SystemCatalog.builtIn("online-shop"));
  }

  @Test
  void podNamesAreStableAndKubernetesLike() {
    Topology topology = Topology.compile(SystemCatalog.builtIn("online-shop"));
    for (Instance instance : topology.instances()) {
      assertThat(instance.name())
          .matches("[a-z0-9-]+-[bcdfghjklmnpqrstvwxz2456789]{9}-[bcdfghjklmnpqrstvwxz2456789]{5}");
    }
    assertThat(Topology.compile(SystemCatalog.builtIn("online-shop")).instances()[0].name())
        .isEqualTo(topology.instances()[0].name());
  }

  @Test
  void durationsAcceptCommonUnits() {
    assertThat(DurationText.parse("90s").toSeconds()).isEqualTo(90);
    assertThat(DurationText.parse("30m").toMinutes()).isEqualTo(30);
    assertThat(DurationText.parse("6h").toHours()).isEqualTo(6);
    assertThat(DurationText.parse("1d").toHours()).isEqualTo(24);
    assertThat(DurationText.parse("1h30m").toMinutes()).isEqualTo(90);
    assertThatThrownBy(() -> DurationText.parse("6 hours"))
        .hasMessageContaining("90s, 30m, 6h, 1d");
  }
}
