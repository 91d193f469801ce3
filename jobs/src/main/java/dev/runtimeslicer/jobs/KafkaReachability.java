package dev.runtimeslicer.jobs;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks a job's Kafka brokers for their cluster before the job starts, with the job's own client
 * properties, so an unreachable broker or a wrong security setting is one clear error within
 * seconds, not a job whose sources retry for a minute and fail with a long trace.
 */
public final class KafkaReachability {

  /** How long a job waits for its brokers before giving up. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private KafkaReachability() {}

  /**
   * Returns when the brokers of {@code config} answer within {@code timeout}; otherwise fails
   * naming them.
   */
  public static void check(SliceJobSettings config, Duration timeout) {
    String servers = config.bootstrapServers();
    Properties properties = config.kafkaProperties();
    properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    properties.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "runtimeslicer-reachability");
    properties.setProperty(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
    properties.setProperty(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
    try (Admin admin = Admin.create(properties)) {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes()
          .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(
          "cannot reach Kafka at "
              + servers
              + " within "
              + timeout.toSeconds()
              + " s ("
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
              + "); check --bootstrap, that the broker runs (deploy/kafka/start.sh starts a local"
              + " one) and the kafka.properties.* security settings");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reaching Kafka at " + servers, e);
    }
  }
}
