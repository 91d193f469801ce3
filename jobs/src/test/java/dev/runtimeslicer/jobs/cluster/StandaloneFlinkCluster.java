package dev.runtimeslicer.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.testkit.KafkaKRaftBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone session cluster of deploy/flink, driven through its own scripts (start, submit,
 * stop) in a directory and on ports of the test's own, and watched over its REST API.
 */
final class StandaloneFlinkCluster implements AutoCloseable {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final Path SCRIPTS = REPOSITORY.resolve("deploy/flink");
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final int restPort;
  private final int rpcPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private StandaloneFlinkCluster(Path directory, int restPort, int rpcPort) {
    this.directory = directory;
    this.restPort = restPort;
    this.rpcPort = rpcPort;
  }

  /** Starts a JobManager and {@code taskManagers} TaskManagers with deploy/flink/start.sh. */
  static StandaloneFlinkCluster start(Path directory, int taskManagers)
      throws IOException, InterruptedException {
    int[] ports = KafkaKRaftBroker.distinctFreePorts(2);
    StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(directory, ports[0], ports[1]);
    cluster.script("start.sh", "--taskmanagers", Integer.toString(taskManagers));
    return cluster;
  }

  /** Submits {@code runtimeslicer ARGS} with deploy/flink/submit.sh; the job id it printed. */
  String submit(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(args));
    String output = script("submit.sh", command.toArray(String[]::new)).strip();
    String jobId = output.substring(output.lastIndexOf('\n') + 1);
    if (!jobId.matches("[0-9a-f]{32}")) {
      throw new AssertionError("submit.sh printed no job id:\n" + output);
    }
    return jobId;
  }

  /**
   * Stops the job with a savepoint in {@code directory} (a URI) through Flink's client
   * (deploy/flink/flink.sh); the savepoint's path.
   */
  String stopWithSavepoint(String jobId, String directory)
      throws IOException, InterruptedException {
    String output = script("flink.sh", "stop", "--savepointPath", directory, jobId);
    java.util.regex.Matcher path =
        java.util.regex.Pattern.compile("Savepoint completed\\. Path: (\\S+)").matcher(output);
    if (!path.find()) {
      throw new AssertionError("flink.sh stop reported no savepoint:\n" + output);
    }
    return path.group(1);
  }

  /** Cancels the job through Flink's client. */
  void cancel(String jobId) throws IOException, InterruptedException {
    script("flink.sh", "cancel", jobId);
  }

  /** The job's state (RUNNING, FINISHED, ...) as the REST API reports it. */
  String state(String jobId) throws IOException, InterruptedException {
    return rest("/jobs/" + jobId).path("state").asText();
  }

  /**
   * Waits until the job is in {@code state}; fails when it reaches another terminal state or the
   * time is up.
   */
  void awaitState(String jobId, String state, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String now = state(jobId);
    while (!now.equals(state)) {
      if (List.of("FAILED", "CANCELED", "FINISHED").contains(now) || System.nanoTime() > deadline) {
        throw new AssertionError(
            "job "
                + jobId
                + " is "
                + now
                + ", not "
                + state
                + "; exceptions: "
                + rest("/jobs/" + jobId + "/exceptions")
                + "\nsee the logs in "
                + directory.resolve("log"));
      }
      Thread.sleep(500);
      now = state(jobId);
    }
  }

  /** The REST API's answer for {@code path}, e.g. {@code /jobs/ID/checkpoints}. */
  JsonNode rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Kills TaskManager {@code index} (1-based) as a crash would: SIGKILL, no shutdown hooks. */
  void killTaskManager(int index) throws IOException {
    long pid =
        Long.parseLong(
            Files.readString(directory.resolve("taskmanager-" + index + ".pid")).strip());
    ProcessHandle process =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new AssertionError("TaskManager " + index + " is not running"));
    process.destroyForcibly();
    process.onExit().join();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    script("stop.sh");
  }

  private String script(String name, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(name).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("FLINK_CLUSTER_DIR", directory.toString());
    builder.environment().put("FLINK_REST_PORT", Integer.toString(restPort));
    builder.environment().put("FLINK_RPC_PORT", Integer.toString(rpcPort));
    Process process = builder.start();
    // Read while it runs: a full pipe would block the script.
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not end within " + SCRIPT_TIMEOUT);
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError(
          name
              + " "
              + String.join(" ", args)
              + " failed (exit "
              + process.exitValue()
              + "):\n"
              + text);
    }
    return text;
  }
}
