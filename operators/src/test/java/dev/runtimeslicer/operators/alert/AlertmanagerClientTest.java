package dev.runtimeslicer.operators.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.operators.alert.AlertmanagerStub.Reply;
import java.time.Duration;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the client says about a failed delivery: the reason that ends up in the log. */
class AlertmanagerClientTest {

  private final AlertmanagerStub server = new AlertmanagerStub();

  @AfterEach
  void stopServer() {
    server.close();
  }

  private AlertmanagerClient client(int maxAttempts) {
    return new AlertmanagerClient(
        new AlertmanagerSinkSettings(
            server.url(),
            null,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            maxAttempts,
            Duration.ofMillis(10),
            Duration.ofMillis(10),
            Duration.ofMinutes(5),
            100),
        new RecordingSleeper(),
        new SimpleCounter());
  }

  @Test
  void namesTheStatusAndTheStartOfTheBodyOfARejection() throws Exception {
    server.replyWith(new Reply(400, "{\"code\":400,\n  \"message\":\"" + "x".repeat(500) + "\"}"));

    AlertmanagerClient.Outcome outcome;
    try (AlertmanagerClient client = client(3)) {
      outcome = client.post("[]");
    }

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.reason())
        .startsWith("HTTP 400 from Alertmanager: {\"code\":400, \"message\":\"xxx")
        .endsWith("... (not retried)");
    assertThat(outcome.reason()).hasSizeLessThan(AlertmanagerClient.SNIPPET_LENGTH + 60);
  }

  @Test
  void namesTheLastFailureWhenGivingUp() throws Exception {
    server.replyWith(new Reply(503, "maintenance"), new Reply(502, "bad gateway"));

    AlertmanagerClient.Outcome outcome;
    try (AlertmanagerClient client = client(2)) {
      outcome = client.post("[]");
    }

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(outcome.reason())
        .isEqualTo("HTTP 502 from Alertmanager: bad gateway (gave up after 2 attempts)");
  }

  @Test
  void namesTheConnectionFailureOfAServerThatIsDown() throws Exception {
    AlertmanagerClient client = client(1);
    server.close();

    AlertmanagerClient.Outcome outcome;
    try (client) {
      outcome = client.post("[]");
    }

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.reason())
        .startsWith("ConnectException")
        .endsWith("(gave up after 1 attempts)");
  }

  @Test
  void describesAnExceptionByTheFirstMessageAlongItsCauses() {
    Exception wrapped = new java.net.ConnectException();
    wrapped.initCause(new java.io.IOException("Connection refused"));

    assertThat(AlertmanagerClient.describe(wrapped))
        .isEqualTo("ConnectException: Connection refused");
    Exception bare = new java.net.ConnectException();
    bare.initCause(new java.nio.channels.ClosedChannelException());
    assertThat(AlertmanagerClient.describe(bare))
        .isEqualTo("ConnectException from ClosedChannelException");
  }

  @Test
  void saysSoWhenTheBodyIsEmpty() {
    assertThat(AlertmanagerClient.snippet("  \n")).isEqualTo("(empty body)");
  }
}
