package dev.runtimeslicer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, installed by {@code
 * deploy/test/install-debian-tools.sh}) on 127.0.0.1 with a receiver that sends nowhere: started,
 * stopped and started again on the same port, so tests can take it away mid-run. Alerts live in its
 * memory only; a restart forgets them.
 */
public final class AlertmanagerProcess implements AutoCloseable {

  /**
   * Where Debian puts the binary; the system property {@code runtimeslicer.alertmanager} overrides
   * it.
   */
  public static final String DEFAULT_BINARY = "/usr/bin/prometheus-alertmanager";

  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final String CONFIG =
      """
      route:
        receiver: nowhere
        group_wait: 1s
      receivers:
        - name: nowhere
      """;

  private final Path binary;
  private final Path dir;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  private AlertmanagerProcess(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
  }

  /** The binary tests should run: the override, else Debian's path. */
  public static Path binary() {
    return Path.of(System.getProperty("runtimeslicer.alertmanager", DEFAULT_BINARY));
  }

  /** Starts Alertmanager on a free port and returns once it answers {@code /-/ready}. */
  public static AlertmanagerProcess start() {
    Path binary = binary();
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary
              + " is missing; run deploy/test/install-debian-tools.sh "
              + DEFAULT_BINARY
              + "=prometheus-alertmanager (needs root or sudo), or point"
              + " -Druntimeslicer.alertmanager at a binary");
    }
    try {
      Path dir = Files.createTempDirectory("alertmanager-");
      Files.writeString(dir.resolve("alertmanager.yml"), CONFIG, StandardCharsets.UTF_8);
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        port = socket.getLocalPort();
      }
      AlertmanagerProcess alertmanager = new AlertmanagerProcess(binary, dir, port);
      alertmanager.restart();
      return alertmanager;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:9093}. */
  public String url() {
    return "http://" + HOST + ":" + port;
  }

  /** Starts the process again on the same port and data directory (it must be stopped). */
  public void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Alertmanager is still running on port " + port);
    }
    try {
      process =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + dir.resolve("alertmanager.yml"),
                  "--storage.path=" + dir.resolve("data"),
                  "--web.listen-address=" + HOST + ":" + port,
                  // no gossip port: one instance, and nothing else to collide with
                  "--cluster.listen-address=")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("alertmanager.log").toFile())
              .start();
      awaitReady();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + binary, e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Alertmanager exited with "
                + process.exitValue()
                + "; see "
                + dir.resolve("alertmanager.log"));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Alertmanager", e);
      }
      sleepBriefly();
    }
    throw new IllegalStateException(
        "Alertmanager did not become ready within "
            + READY_TIMEOUT
            + "; see "
            + dir.resolve("alertmanager.log"));
  }

  /**
   * The JSON of {@code GET /api/v2/alerts}: the alerts it holds as active (resolved ones are left
   * out).
   */
  public String alerts() {
    HttpRequest get =
        HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET /api/v2/alerts answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stops the process (SIGTERM, then SIGKILL) and waits for it to end; the port is free afterwards.
   */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Alertmanager", e);
    }
  }
}
