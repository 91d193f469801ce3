package dev.runtimeslicer.simulator.learn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.simulator.Simulation;
import dev.runtimeslicer.simulator.otlp.FileTelemetrySink;
import dev.runtimeslicer.simulator.system.CallSpec;
import dev.runtimeslicer.simulator.system.OperationSpec;
import dev.runtimeslicer.simulator.system.ServiceSpec;
import dev.runtimeslicer.simulator.system.SystemCatalog;
import dev.runtimeslicer.simulator.system.SystemModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generate from a built-in system, learn a model from the traces, regenerate from the model, and
 * compare. Tolerances: per-edge call probability within {@value #PROBABILITY_TOLERANCE} (edges
 * whose caller has at least {@value #MIN_INVOCATIONS} invocations), and per-operation server
 * latency distributions with a two-sample KS statistic below {@value #KS_TOLERANCE} (operations
 * with at least {@value #MIN_INVOCATIONS} spans on both sides).
 */
class LearnFidelityTest {

  private static final double PROBABILITY_TOLERANCE = 0.05;
  private static final double KS_ALPHA = 0.001;
  private static final int MIN_INVOCATIONS = 300;

  private static void generate(Simulation.Builder builder, Path dir) {
    try (FileTelemetrySink sink = new FileTelemetrySink(dir)) {
      builder.duration(Duration.ofMinutes(5)).traceSampling(1.0).build().run(sink);
    }
  }

  @Test
  void learnedModelRegeneratesTheSameCallGraphAndLatencies(@TempDir Path dir) throws Exception {
    generate(Simulation.builder().system("online-shop").rate(40).seed(1), dir.resolve("original"));
    SystemModel learned = TraceLearner.learn(dir.resolve("original"), "online-shop-learned");
    Path modelFile = dir.resolve("model.json");
    SystemCatalog.write(learned, modelFile);
    generate(Simulation.builder().system(modelFile.toString()).seed(2), dir.resolve("regenerated"));

    assertThat(learned.services()).hasSize(SystemCatalog.builtIn("online-shop").services().size());
    assertCallOrderLearned(learned);

    TraceStatistics original = new TraceStatistics(TraceSet.read(dir.resolve("original")));
    TraceStatistics regenerated = new TraceStatistics(TraceSet.read(dir.resolve("regenerated")));
    double worstProbability = 0;
    int edges = 0;
    for (String parent : original.operations()) {
      if (original.invocations(parent) < MIN_INVOCATIONS) {
        continue;
      }
      assertThat(regenerated.callees(parent))
          .as("callees of %s", parent)
          .containsExactlyInAnyOrderElementsOf(original.callees(parent));
      for (String target : original.callees(parent)) {
        double gap =
            Math.abs(
                original.callProbability(parent, target)
                    - regenerated.callProbability(parent, target));
        worstProbability = Math.max(worstProbability, gap);
        edges++;
        assertThat(gap)
            .as("call probability %s -> %s", parent, target)
            .isLessThan(PROBABILITY_TOLERANCE);
      }
    }
    double worstKs = 0;
    double worstKsShareOfCritical = 0;
    int operations = 0;
    for (String operation : original.operations()) {
      double[] before = original.durationsMs(operation);
      double[] after = regenerated.durationsMs(operation);
      if (before.length < MIN_INVOCATIONS || after.length < MIN_INVOCATIONS) {
        continue;
      }
      double ks = KolmogorovSmirnov.statistic(before, after);
      double critical = KolmogorovSmirnov.criticalValue(KS_ALPHA, before.length, after.length);
      worstKs = Math.max(worstKs, ks);
      worstKsShareOfCritical = Math.max(worstKsShareOfCritical, ks / critical);
      operations++;
      assertThat(ks)
          .as("KS of %s latency (%d vs %d spans)", operation, before.length, after.length)
          .isLessThan(critical);
    }
    assertThat(edges).isGreaterThan(15);
    assertThat(operations).isGreaterThan(15);
    System.out.printf(
        Locale.ROOT,
        "fidelity: %d edges, max |dp| = %.4f; %d operations, max KS = %.4f, "
            + "max KS / critical value = %.2f%n",
        edges,
        worstProbability,
        operations,
        worstKs,
        worstKsShareOfCritical);
  }

  /**
   * Steps of the checkout and home page are recovered exactly, probabilities close to the
   * configured ones.
   */
  private static void assertCallOrderLearned(SystemModel learned) {
    SystemModel truth = SystemCatalog.builtIn("online-shop");
    for (String ref :
        List.of("checkoutservice/PlaceOrder", "frontend/GET /", "frontend/GET /cart")) {
      List<List<CallSpec>> expected = operation(truth, ref).stepsOrEmpty();
      List<List<CallSpec>> actual = operation(learned, ref).stepsOrEmpty();
      assertThat(actual).as("steps of %s", ref).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(actual.get(i).stream().map(CallSpec::call))
            .containsExactlyInAnyOrderElementsOf(
                expected.get(i).stream().map(CallSpec::call).toList());
        for (CallSpec call : expected.get(i)) {
          double p =
              actual.get(i).stream()
                  .filter(c -> c.call().equals(call.call()))
                  .findFirst()
                  .orElseThrow()
                  .probability();
          assertThat(p)
              .as("p of %s -> %s", ref, call.call())
              .isCloseTo(
                  call.probability(), org.assertj.core.data.Offset.offset(PROBABILITY_TOLERANCE));
        }
      }
    }
  }

  private static OperationSpec operation(SystemModel model, String ref) {
    String service = ref.substring(0, ref.indexOf('/'));
    String name = ref.substring(ref.indexOf('/') + 1);
    for (ServiceSpec spec : model.services()) {
      if (spec.name().equals(service)) {
        return spec.operations().stream()
            .filter(op -> op.name().equals(name))
            .findFirst()
            .orElseThrow();
      }
    }
    throw new AssertionError("no " + ref);
  }
}
