package dev.runtimeslicer.simulator.cli;

import dev.runtimeslicer.simulator.learn.TraceLearner;
import dev.runtimeslicer.simulator.system.SystemCatalog;
import dev.runtimeslicer.simulator.system.SystemModel;
import dev.runtimeslicer.simulator.system.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code simulate learn}: fits a system model from recorded OTLP traces. */
@Command(
    name = "learn",
    mixinStandardHelpOptions = true,
    description = {
      "Learns a system file from recorded traces.",
      "%nLearns topology, call probabilities, call order and latency distributions from recorded"
          + " OTLP/JSON traces (Collector file-exporter layout) and writes a system file that"
          + " 'simulate --system FILE' can run."
    })
public final class LearnCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "DIR",
      description = "Directory with traces*.json[.gz] files (or one such file).")
  private Path input;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "MODEL",
      description = "System file (JSON) to write.")
  private Path out;

  @Option(
      names = "--name",
      defaultValue = "learned",
      paramLabel = "NAME",
      description =
          "Name of the learned system (its deployment.environment). Default: ${DEFAULT-VALUE}.")
  private String name;

  @Override
  public Integer call() throws IOException {
    SystemModel model;
    try {
      model = TraceLearner.learn(input, name);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Topology topology = Topology.compile(model);
    SystemCatalog.write(model, out);
    PrintWriter printer = spec.commandLine().getOut();
    printer.printf(
        "%s: %d services, %d operations, %d instances learned (%s) -> %s%n",
        name,
        topology.services().length,
        topology.operations().length,
        topology.instances().length,
        model.description(),
        out);
    printer.flush();
    return 0;
  }
}
