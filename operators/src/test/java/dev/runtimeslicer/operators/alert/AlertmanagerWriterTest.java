package dev.runtimeslicer.operators.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.Alerts;
import dev.runtimeslicer.operators.alert.AlertmanagerStub.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer against a real HTTP server on 127.0.0.1 that parses what it receives; backoff is
 * recorded, never slept.
 */
class AlertmanagerWriterTest {

  private final AlertmanagerStub server = new AlertmanagerStub();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MetricListener metrics = new MetricListener();

  @AfterEach
  void stopServer() {
    server.close();
  }

  private static AlertmanagerSinkSettings settings(String url, int maxAttempts) {
    return new AlertmanagerSinkSettings(
        url,
        "https://flink.example/detect",
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        maxAttempts,
        Duration.ofMillis(100),
        Duration.ofMillis(300),
        Duration.ofMinutes(5),
        100);
  }

  private AlertmanagerWriter writer(AlertmanagerSinkSettings settings) {
    return new AlertmanagerWriter(
        settings,
        sleeper,
        InstantSource.fixed(Instant.parse("2026-01-01T00:30:00Z")),
        metrics.getMetricGroup());
  }

  private long counter(String name) {
    return metrics.getCounter(name).map(Counter::getCount).orElseThrow();
  }

  @Test
  void postsEachAlertAsAV2PostableAlertArray() throws Exception {
    try (AlertmanagerWriter writer = writer(settings(server.url(), 3))) {
      writer.write(Alerts.firing("shop"), null);
      writer.flush(true);
      writer.write(Alerts.resolved("shop"), null);
      writer.flush(true);
    }

    assertThat(server.requests())
        .hasSize(2)
        .allSatisfy(
            request -> {
              assertThat(request.method()).isEqualTo("POST");
              assertThat(request.path()).isEqualTo("/api/v2/alerts");
              assertThat(request.contentType()).isEqualTo("application/json");
              assertThat(request.body().isArray()).isTrue();
            });
    assertThat(server.alerts())
        .extracting(alert -> alert.get("labels").get("alert_id").asText())
        .containsExactly("shop-1767225600000", "shop-1767225600000");
    // the firing one ends five minutes after its post (the writer's clock) unless renewed
    assertThat(server.alerts().get(0).get("endsAt").asText()).isEqualTo("2026-01-01T00:35:00Z");
    assertThat(server.alerts().get(1).get("endsAt").asText()).isEqualTo("2026-01-01T00:10:00Z");
    assertThat(server.alerts().get(1).get("generatorURL").asText())
        .isEqualTo("https://flink.example/detect");
    assertThat(counter(AlertmanagerWriter.SENT)).isEqualTo(2);
    assertThat(counter(AlertmanagerWriter.RETRIED)).isZero();
    assertThat(counter(AlertmanagerWriter.DROPPED)).isZero();
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {503, 500, 429})
  void retriesAnOverloadedOrFailingServerAfterTheInitialBackoff(int status) throws Exception {
    server.replyWith(new Reply(status, "try later"));

    try (AlertmanagerWriter writer = writer(settings(server.url(), 3))) {
      writer.write(Alerts.firing("shop"), null);
      writer.flush(true);
    }

    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests().get(1).body()).isEqualTo(server.requests().get(0).body());
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(100));
    assertThat(counter(AlertmanagerWriter.SENT)).isEqualTo(1);
    assertThat(counter(AlertmanagerWriter.RETRIED)).isEqualTo(1);
    assertThat(counter(AlertmanagerWriter.DROPPED)).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 422})
  void dropsAnAlertTheServerRejectsWithoutRetrying(int status) throws Exception {
    server.replyWith(
        new Reply(status, "{\"code\":400,\"message\":\"start time must be before end time\"}"));

    try (AlertmanagerWriter writer = writer(settings(server.url(), 3))) {
      writer.write(Alerts.firing("shop"), null);
      writer.write(Alerts.firing("web"), null); // the next alert goes out as usual
      writer.flush(true);
    }

    assertThat(server.requests()).hasSize(2);
    assertThat(sleeper.sleeps()).isEmpty();
    assertThat(counter(AlertmanagerWriter.DROPPED)).isEqualTo(1);
    assertThat(counter(AlertmanagerWriter.RETRIED)).isZero();
    assertThat(counter(AlertmanagerWriter.SENT)).isEqualTo(1);
  }

  @Test
  void givesUpOnAServerThatIsDownAfterMaxAttemptsWithinTheDeliveryBound() throws Exception {
    AlertmanagerSinkSettings settings = settings(server.url(), 4);
    server.close(); // nothing listens on the port any more: every attempt is refused

    try (AlertmanagerWriter writer = writer(settings)) {
      writer.write(Alerts.firing("shop"), null);
      writer.flush(true);
    }

    assertThat(sleeper.sleeps())
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    assertThat(sleeper.total().plus(settings.attemptTimeout().multipliedBy(4)))
        .isLessThanOrEqualTo(settings.maxDeliveryTime());
    assertThat(counter(AlertmanagerWriter.RETRIED)).isEqualTo(3);
    assertThat(counter(AlertmanagerWriter.DROPPED)).isEqualTo(1);
    assertThat(counter(AlertmanagerWriter.SENT)).isZero();
  }

  @Test
  @Timeout(60) // safety net only: without the per-attempt bound this test would hang forever
  void abandonsAResponseThatNeverEnds() throws Exception {
    server.replyWith(Reply.STALL, Reply.STALL);
    AlertmanagerSinkSettings settings =
        new AlertmanagerSinkSettings(
            server.url(),
            null,
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            2,
            Duration.ofMillis(1),
            Duration.ofMillis(1),
            Duration.ofMinutes(5),
            100);

    try (AlertmanagerWriter writer = writer(settings)) {
      writer.write(Alerts.firing("shop"), null);
      writer.flush(true);
    }

    assertThat(server.requests()).hasSize(2);
    assertThat(counter(AlertmanagerWriter.RETRIED)).isEqualTo(1);
    assertThat(counter(AlertmanagerWriter.DROPPED)).isEqualTo(1);
    assertThat(counter(AlertmanagerWriter.SENT)).isZero();
  }

  @Test
  void dropsAndCountsAnInvalidAlertWithoutSendingIt() throws Exception {
    Alert noId = Alerts.firing("shop");
    noId.id = null;

    try (AlertmanagerWriter writer = writer(settings(server.url(), 3))) {
      writer.write(noId, null);
      writer.write(Alerts.firing("web"), null);
      writer.flush(true);
    }

    assertThat(server.alerts())
        .extracting(alert -> alert.get("labels").get("system").asText())
        .containsExactly("web");
    assertThat(counter(AlertmanagerWriter.DROPPED)).isEqualTo(1);
    assertThat(counter(AlertmanagerWriter.SENT)).isEqualTo(1);
  }

  @Test
  @Timeout(
      60) // safety net only: a write that waited for delivery would hang here until the stall ends
  void writesWithoutWaitingNewestStateWinsAndAFullQueueDropsItsOldest() throws Exception {
    server.replyWith(Reply.STALL);
    AlertmanagerSinkSettings settings =
        new AlertmanagerSinkSettings(
            server.url(),
            null,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            1,
            Duration.ofMillis(1),
            Duration.ofMillis(1),
            Duration.ofMinutes(5),
            2);

    try (AlertmanagerWriter writer = writer(settings)) {
      writer.write(Alerts.firing("shop"), null);
      server.awaitRequests(1); // shop is in flight and stays there until released
      writer.write(Alerts.firing("web"), null);
      writer.write(Alerts.resolved("web"), null); // replaces web's waiting firing state
      writer.write(Alerts.firing("db"), null);
      writer.write(
          Alerts.firing("cart"),
          null); // the queue (2) is full: web, the oldest waiting, is dropped

      assertThat(metrics.getGauge(AlertmanagerWriter.PENDING).orElseThrow().getValue())
          .isEqualTo(3);
      assertThat(counter(AlertmanagerWriter.SUPERSEDED)).isEqualTo(1);
      assertThat(counter(AlertmanagerWriter.DROPPED)).isEqualTo(1);
      assertThat(counter(AlertmanagerWriter.SENT)).isZero();

      server.release();
      writer.flush(true);
    }

    assertThat(server.alerts())
        .extracting(alert -> alert.get("labels").get("system").asText())
        .containsExactly("shop", "db", "cart");
    assertThat(counter(AlertmanagerWriter.SENT)).isEqualTo(3);
    assertThat(counter(AlertmanagerWriter.DROPPED)).isEqualTo(1);
  }

  @Test
  @Timeout(60)
  void closingCountsTheAlertInFlightAndThoseWaitingAsDropped() throws Exception {
    server.replyWith(Reply.STALL);
    AlertmanagerSinkSettings settings =
        new AlertmanagerSinkSettings(
            server.url(),
            null,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            1,
            Duration.ofMillis(1),
            Duration.ofMillis(1),
            Duration.ofMinutes(5),
            10);

    AlertmanagerWriter writer = writer(settings);
    writer.write(Alerts.firing("shop"), null);
    server.awaitRequests(1);
    writer.write(Alerts.firing("web"), null);
    writer.close();

    assertThat(counter(AlertmanagerWriter.DROPPED)).isEqualTo(2);
    assertThat(counter(AlertmanagerWriter.SENT)).isZero();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void flushAtTheEndOfInputReturnsOnceEveryAlertIsDelivered() throws Exception {
    try (AlertmanagerWriter writer = writer(settings(server.url(), 3))) {
      for (String system : List.of("a", "b", "c", "d", "e")) {
        writer.write(Alerts.firing(system), null);
      }
      writer.flush(true);

      assertThat(server.requests()).hasSize(5);
      assertThat(metrics.getGauge(AlertmanagerWriter.PENDING).orElseThrow().getValue())
          .isEqualTo(0);
    }
  }

  @Test
  @Timeout(60) // safety net only: a flush that waited for every alert would hang on the stalled one
  void flushAtTheEndOfInputStopsWaitingOnceAlertmanagerIsUnreachable() throws Exception {
    server.replyWith(
        new Reply(503, "down"), Reply.STALL); // with one attempt per alert, a 503 gives up at once
    AlertmanagerSinkSettings settings =
        new AlertmanagerSinkSettings(
            server.url(),
            null,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            1,
            Duration.ofMillis(1),
            Duration.ofMillis(1),
            Duration.ofMinutes(5),
            10);

    try (AlertmanagerWriter writer = writer(settings)) {
      for (String system : List.of("a", "b", "c")) {
        writer.write(Alerts.firing(system), null);
      }
      writer.flush(true);

      assertThat(counter(AlertmanagerWriter.DROPPED)).isEqualTo(1);
      assertThat(metrics.getGauge(AlertmanagerWriter.PENDING).orElseThrow().getValue())
          .isEqualTo(2);
    }
    // b was stopped in flight and c never sent
    assertThat(counter(AlertmanagerWriter.DROPPED)).isEqualTo(3);
    assertThat(counter(AlertmanagerWriter.SENT)).isZero();
  }
}
