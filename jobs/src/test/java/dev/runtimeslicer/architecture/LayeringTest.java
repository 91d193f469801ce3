package dev.runtimeslicer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The modules' layering, checked on their compiled classes (each module's {@code target/classes};
 * the reactor builds them before this module's tests): the online model has no Flink, Kafka or
 * CLI; Flink operators never reach into the jobs; the simulator and training stand apart from the
 * operators; and no new package cycle appears.
 */
class LayeringTest {

  private static final Path ROOT = Path.of("..");

  private static JavaClasses module(String name) {
    Path classes = ROOT.resolve(name).resolve("target/classes");
    if (!Files.isDirectory(classes)) {
      throw new IllegalStateException("no compiled classes of module " + name + " at " + classes.toAbsolutePath()
          + "; build the modules first (mvn package runs this test after them)");
    }
    return new ClassFileImporter().importPath(classes);
  }

  private static JavaClasses modules(String... names) {
    List<Path> paths = new ArrayList<>();
    for (String name : names) {
      module(name); // fails with advice when a module is not built
      paths.add(ROOT.resolve(name).resolve("target/classes"));
    }
    return new ClassFileImporter().importPaths(paths);
  }

  /** Classes compiled in {@code modules}, by name (packages are shared between modules, so names tell them apart). */
  private static DescribedPredicate<JavaClass> classesOf(String... modules) {
    Set<String> names = new java.util.HashSet<>();
    for (String module : modules) {
      module(module).forEach(javaClass -> names.add(javaClass.getName()));
    }
    return DescribedPredicate.describe("classes of module(s) " + String.join(", ", modules), javaClass -> names.contains(javaClass.getName()));
  }

  @Test
  void theOnlineModelHasNoFlinkKafkaOrCommandLine() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "org.apache.kafka..", "picocli..")
        .because("model/ is the online logic that runs anywhere, Flink operators being thin shells around it")
        .check(module("model"));
  }

  @Test
  void operatorsNeverReachIntoTheJobsSimulatorOrTraining() {
    noClasses().should().dependOnClassesThat(classesOf("jobs", "simulator", "training"))
        .because("jobs compose operators, not the other way round; simulation and training are offline")
        .check(module("operators"));
  }

  @Test
  void theSimulatorStandsApartFromTheOperatorsAndJobs() {
    noClasses().should().dependOnClassesThat(classesOf("operators", "jobs", "training"))
        .because("the simulator produces telemetry as real services do: OTLP, not the job's types")
        .check(module("simulator"));
  }

  @Test
  void trainingUsesTheModelNotTheOperatorsOrJobs() {
    noClasses().should().dependOnClassesThat(classesOf("operators", "jobs"))
        .because("training is offline and produces the bundle the operators load")
        .check(module("training"));
  }

  /**
   * Package cycles known when this rule came in are frozen in {@code src/test/resources/archunit_store}
   * (issue 27 lists them to break); a new cycle fails, and a broken one leaves the store.
   */
  @Test
  void noNewPackageCycles() {
    ArchRule rule = slices().matching("dev.runtimeslicer.(*)..").should().beFreeOfCycles();
    FreezingArchRule.freeze(rule).check(modules("model", "operators", "simulator", "training", "jobs"));
  }
}
