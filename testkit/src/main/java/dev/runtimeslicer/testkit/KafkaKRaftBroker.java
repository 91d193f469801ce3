package dev.runtimeslicer.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (combined KRaft broker and controller) running inside this JVM.
 */
public final class KafkaKRaftBroker implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  // Port picking has an unavoidable race with other processes grabbing the port; a retry covers it.
  private static final int START_ATTEMPTS = 3;
  private static final AtomicLong TOPIC_COUNTER = new AtomicLong();

  /** The one user of the SASL/PLAIN listener, and its password. */
  public static final String SASL_USER = "runtimeslicer";

  public static final String SASL_PASSWORD = "runtimeslicer-secret";

  private final Path dataDir;
  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final String saslBootstrapServers;
  private final Admin admin;
  private boolean closed;

  private KafkaKRaftBroker(
      Path dataDir,
      KafkaRaftServer server,
      String bootstrapServers,
      String saslBootstrapServers,
      Admin admin) {
    this.dataDir = dataDir;
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.saslBootstrapServers = saslBootstrapServers;
    this.admin = admin;
  }

  /**
   * Formats fresh storage in a temp directory and starts the broker; returns once it serves
   * requests.
   */
  public static KafkaKRaftBroker start() {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce();
      } catch (RuntimeException e) {
        last = e;
        if (!causedByBindFailure(e)) {
          break;
        }
      }
    }
    throw new IllegalStateException(
        "Could not start the in-process Kafka KRaft broker: " + last.getMessage(), last);
  }

  /** The {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The {@code host:port} of a second listener that only takes SASL/PLAIN clients ({@link
   * #SASL_USER}), to test that client security settings reach every connection.
   */
  public String saslBootstrapServers() {
    return saslBootstrapServers;
  }

  /** The client properties that authenticate on {@link #saslBootstrapServers()}. */
  public static Map<String, String> saslClientProperties() {
    return Map.of(
        "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", "PLAIN",
        "sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + SASL_USER
                + "\" password=\""
                + SASL_PASSWORD
                + "\";");
  }

  /**
   * Creates the topics (replication factor 1) and waits until the broker serves every partition.
   */
  public void createTopics(int partitions, String... names) {
    createTopics(partitions, Map.of(), names);
  }

  /**
   * Creates topics with {@code partitions} partitions each and the topic configs given (e.g. {@code
   * max.message.bytes}).
   */
  public void createTopics(int partitions, Map<String, String> configs, String... names) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    if (names.length == 0) {
      return;
    }
    List<NewTopic> topics =
        Arrays.stream(names)
            .map(name -> new NewTopic(name, partitions, (short) 1).configs(configs))
            .collect(Collectors.toList());
    try {
      admin.createTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      awaitPartitionLeaders(Arrays.asList(names), partitions);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Creating topics " + Arrays.toString(names) + " failed: " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Creating topics " + Arrays.toString(names) + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }

  /** Returns a topic name never returned before in this JVM, derived from {@code prefix}. */
  public String uniqueTopic(String prefix) {
    // Only [a-zA-Z0-9._-] is legal; '-' (not '.' or '_') avoids Kafka's metric-name collision
    // warning.
    String safe =
        prefix == null || prefix.isEmpty() ? "topic" : prefix.replaceAll("[^a-zA-Z0-9-]", "-");
    if (safe.length() > 200) {
      safe = safe.substring(0, 200);
    }
    return safe + "-" + TOPIC_COUNTER.incrementAndGet();
  }

  /** Shuts the broker down, waits for it to stop and deletes its data. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      admin.close(Duration.ofSeconds(5));
    } finally {
      try {
        server.shutdown();
        server.awaitShutdown();
      } finally {
        deleteRecursively(dataDir);
      }
    }
  }

  private static KafkaKRaftBroker startOnce() {
    Path dataDir = createTempDir();
    KafkaRaftServer server = null;
    Admin admin = null;
    try {
      int[] ports = distinctFreePorts(3);
      int brokerPort = ports[0];
      int controllerPort = ports[1];
      int saslPort = ports[2];
      Properties props = serverProperties(dataDir, brokerPort, controllerPort, saslPort);
      format(dataDir, props);

      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();

      String bootstrap = HOST + ":" + brokerPort;
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  AdminClientConfig.CLIENT_ID_CONFIG,
                  "runtimeslicer-testkit-admin"));
      // startup() already waits for the broker to be unfenced; this proves the client path works
      // too.
      admin.describeCluster().nodes().get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new KafkaKRaftBroker(dataDir, server, bootstrap, HOST + ":" + saslPort, admin);
    } catch (Exception | LinkageError e) {
      if (admin != null) {
        admin.close(Duration.ZERO);
      }
      if (server != null) {
        try {
          server.shutdown();
          server.awaitShutdown();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      deleteRecursively(dataDir);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException re
          ? re
          : new IllegalStateException(String.valueOf(e.getMessage()), e);
    }
  }

  private static Properties serverProperties(
      Path dataDir, int brokerPort, int controllerPort, int saslPort) {
    Properties p = new Properties();
    p.setProperty("node.id", Integer.toString(NODE_ID));
    p.setProperty("process.roles", "broker,controller");
    p.setProperty(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + brokerPort
            + ",SASL_PLAINTEXT://"
            + HOST
            + ":"
            + saslPort
            + ",CONTROLLER://"
            + HOST
            + ":"
            + controllerPort);
    p.setProperty(
        "advertised.listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",SASL_PLAINTEXT://" + HOST + ":" + saslPort);
    p.setProperty(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("sasl.enabled.mechanisms", "PLAIN");
    p.setProperty(
        "listener.name.sasl_plaintext.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + SASL_USER
            + "\" password=\""
            + SASL_PASSWORD
            + "\" user_"
            + SASL_USER
            + "=\""
            + SASL_PASSWORD
            + "\";");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    // A static voter set needs no --standalone bootstrap snapshot and tolerates a new port on every
    // run.
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.setProperty("log.dirs", dataDir.resolve("log").toString());
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    // The defaults (50 partitions each) make the first consumer group or transaction take seconds.
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty("share.coordinator.state.topic.num.partitions", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // Tests replay telemetry months old, and the jobs time their output records by event time: with
    // time-based retention the broker's first retention pass (30 s after start) deletes output
    // while a test still reads it.
    p.setProperty("log.retention.ms", "-1");
    // Lean thread pools and cleaner buffer: tests run on small machines, often several brokers per
    // JVM.
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "4");
    p.setProperty("background.threads", "2");
    p.setProperty("num.recovery.threads.per.data.dir", "1");
    p.setProperty("log.cleaner.threads", "1");
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
    // Without a bound, a broker that never catches up with the controller blocks startup() forever.
    p.setProperty("server.max.startup.time.ms", Long.toString(STARTUP_TIMEOUT.toMillis()));
    return p;
  }

  /** Formats the log directory exactly like {@code kafka-storage.sh format} does. */
  private static void format(Path dataDir, Properties props) throws IOException {
    Path config = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "in-process KRaft broker");
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream print = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      exitCode =
          StorageTool.execute(
              new String[] {
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                config.toString()
              },
              print);
    }
    if (exitCode != 0) {
      throw new IllegalStateException(
          "Formatting KRaft storage failed (exit "
              + exitCode
              + "): "
              + captured.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitPartitionLeaders(List<String> names, int partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    // CreateTopics returns once the controller commits; the broker's metadata cache catches up a
    // moment later.
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described =
            admin
                .describeTopics(names)
                .allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        boolean ready =
            described.values().stream()
                .allMatch(
                    d ->
                        d.partitions().size() == partitions
                            && d.partitions().stream()
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        if (ready) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "partitions of " + names + " got no leader within " + ADMIN_TIMEOUT);
      }
      Thread.sleep(20);
    }
  }

  private static boolean causedByBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Picks {@code count} free ports at once. All sockets stay open until every port is chosen, since
   * a port released before the next pick may be handed out again (two listeners on one port fail
   * the broker's config).
   */
  public static int[] distinctFreePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("kafka-kraft-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temp directory for Kafka", e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list Kafka data in " + root, e);
    }
    for (Path path : paths) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete Kafka data " + path, e);
      }
    }
  }
}
