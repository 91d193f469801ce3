package dev.runtimeslicer.tools.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local Kafka broker of {@code deploy/kafka}, started and stopped through its scripts. It stops
 * (and cleans) the broker only when it started it, also when the JVM is interrupted (Ctrl-C), and
 * leaves a broker that was already running alone.
 */
public final class LocalKafka implements AutoCloseable {

  /** Script directory inside a RuntimeSlicer checkout. */
  public static final String SCRIPTS = "deploy/kafka";

  private static final long SCRIPT_TIMEOUT_MINUTES = 15;

  private final Path scripts;
  private final int port;
  private final int controllerPort;
  private final boolean startedHere;
  private final PrintStream out;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread stopOnExit;

  private LocalKafka(
      Path scripts, int port, int controllerPort, boolean startedHere, PrintStream out) {
    this.scripts = scripts;
    this.port = port;
    this.controllerPort = controllerPort;
    this.startedHere = startedHere;
    this.out = out;
    this.stopOnExit = new Thread(this::stop, "stop local kafka");
    if (startedHere) {
      Runtime.getRuntime().addShutdownHook(stopOnExit);
    }
  }

  /**
   * Starts the broker of {@code repository} on 127.0.0.1:{@code port}, or reuses one that start.sh
   * already runs there.
   */
  public static LocalKafka start(Path repository, int port, int controllerPort, PrintStream out)
      throws IOException, InterruptedException {
    Path scripts = repository.resolve(SCRIPTS);
    if (!Files.isRegularFile(scripts.resolve("start.sh"))) {
      throw new IllegalArgumentException(
          scripts.resolve("start.sh") + " not found: pass --repo DIR, the RuntimeSlicer checkout");
    }
    List<String> output = run(scripts, port, controllerPort, out, "start.sh");
    boolean reused = output.stream().anyMatch(line -> line.contains("already running"));
    if (reused
        && output.stream()
            .noneMatch(line -> line.contains("bootstrap.servers=127.0.0.1:" + port))) {
      throw new IllegalStateException(
          "a broker started by "
              + scripts.resolve("start.sh")
              + " already runs on another port;"
              + " stop it with "
              + scripts.resolve("stop.sh")
              + " or pass its port with --kafka-port");
    }
    return new LocalKafka(scripts, port, controllerPort, !reused, out);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Whether this run started the broker (and so stops it). */
  public boolean startedHere() {
    return startedHere;
  }

  /** Creates {@code topics} with one partition each (existing ones are left alone). */
  public void createTopics(String... topics) throws IOException, InterruptedException {
    String[] command = new String[topics.length + 1];
    command[0] = "topics.sh";
    System.arraycopy(topics, 0, command, 1, topics.length);
    run(scripts, port, controllerPort, null, command);
  }

  /** Stops and cleans the broker if this run started it; once only. */
  @Override
  public void close() {
    stop();
    if (startedHere) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running or has run
      }
    }
  }

  private void stop() {
    if (!startedHere || !stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      run(scripts, port, controllerPort, null, "stop.sh", "--clean");
      out.println("Stopped the local Kafka broker (deploy/kafka/data removed).");
    } catch (IOException | RuntimeException e) {
      out.println(
          "Could not stop the local Kafka broker: "
              + e.getMessage()
              + "; run "
              + scripts.resolve("stop.sh")
              + " --clean");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs a script of {@code scripts}, echoing its output indented to {@code echo} (if given); fails
   * on a non-zero exit.
   */
  private static List<String> run(
      Path scripts, int port, int controllerPort, PrintStream echo, String... command)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add("bash");
    argv.add(scripts.resolve(command[0]).toString());
    argv.addAll(List.of(command).subList(1, command.length));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().put("KAFKA_PORT", Integer.toString(port));
    builder.environment().put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.replaceAll("\u001B\\[[0-9;]*m", ""); // Maven's colour codes
        lines.add(line);
        if (echo != null) {
          echo.println("  " + line);
        }
      }
    }
    if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          command[0] + " did not finish within " + SCRIPT_TIMEOUT_MINUTES + " minutes");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          SCRIPTS
              + "/"
              + command[0]
              + " failed (exit "
              + process.exitValue()
              + "): "
              + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
    }
    return lines;
  }
}
