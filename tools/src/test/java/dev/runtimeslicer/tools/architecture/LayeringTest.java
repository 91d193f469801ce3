package dev.runtimeslicer.tools.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The modules' layering, checked on their compiled classes (each module's {@code target/classes};
 * the reactor builds them before this module's tests). Each module has its own package root, {@code
 * dev.runtimeslicer.<module>}: the online model has no Flink, Kafka or CLI; Flink operators never
 * reach into the jobs; the jobs (the cluster jar) carry no offline code; the simulator and training
 * stand apart from the operators; and no package depends on itself through others.
 */
class LayeringTest {

  private static final Path ROOT = Path.of("..");
  private static final List<String> MODULES =
      List.of("model", "operators", "simulator", "training", "jobs", "tools");

  private static final JavaClasses ALL = importModules();

  private static JavaClasses importModules() {
    List<Path> paths =
        MODULES.stream().map(name -> ROOT.resolve(name).resolve("target/classes")).toList();
    for (Path classes : paths) {
      if (!Files.isDirectory(classes)) {
        throw new IllegalStateException(
            "no compiled classes at "
                + classes.toAbsolutePath()
                + "; build the modules first (mvn package runs this test after them)");
      }
    }
    return new ClassFileImporter().importPaths(paths);
  }

  private static String root(String module) {
    return "dev.runtimeslicer." + module + "..";
  }

  @ParameterizedTest
  @ValueSource(strings = {"model", "operators", "simulator", "training", "jobs", "tools"})
  void eachModuleKeepsToItsOwnPackageRoot(String module) {
    JavaClasses compiled =
        new ClassFileImporter().importPath(ROOT.resolve(module).resolve("target/classes"));
    classes()
        .should()
        .resideInAPackage(root(module))
        .because("one module per package root: a package name tells where its classes are built")
        .check(compiled);
  }

  @Test
  void theOnlineModelHasNoFlinkKafkaCommandLineOrOfflineCode() {
    noClasses()
        .that()
        .resideInAPackage(root("model"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.flink..",
            "org.apache.kafka..",
            "picocli..",
            "org.tribuo..",
            "ai.djl.pytorch..",
            root("operators"),
            root("jobs"),
            root("tools"),
            root("training"),
            root("simulator"))
        .because(
            "model/ is the online logic that runs anywhere, Flink operators being thin shells"
                + " around it")
        .check(ALL);
  }

  @Test
  void operatorsNeverReachIntoTheJobsSimulatorOrTraining() {
    noClasses()
        .that()
        .resideInAPackage(root("operators"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(root("jobs"), root("tools"), root("simulator"), root("training"))
        .because(
            "jobs compose operators, not the other way round; simulation and training are offline")
        .check(ALL);
  }

  @Test
  void theJobsCarryNoOfflineCode() {
    noClasses()
        .that()
        .resideInAPackage(root("jobs"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            root("tools"), root("simulator"), root("training"), "org.tribuo..", "ai.djl.pytorch..")
        .because(
            "runtimeslicer-flink.jar, the jar for Flink clusters, is built from what the jobs use")
        .check(ALL);
  }

  @Test
  void theSimulatorStandsApartFromTheOperatorsJobsAndTraining() {
    noClasses()
        .that()
        .resideInAPackage(root("simulator"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(root("operators"), root("jobs"), root("tools"), root("training"))
        .because("the simulator produces telemetry as real services do: OTLP, not the job's types")
        .check(ALL);
  }

  @Test
  void trainingUsesTheModelNotTheOperatorsOrJobs() {
    noClasses()
        .that()
        .resideInAPackage(root("training"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(root("operators"), root("jobs"), root("tools"), root("simulator"))
        .because("training is offline and produces the bundle the operators load")
        .check(ALL);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.runtimeslicer.(*).(**)").should().beFreeOfCycles().check(ALL);
  }
}
