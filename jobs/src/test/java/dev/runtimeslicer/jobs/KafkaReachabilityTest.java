package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaReachabilityTest {

  @Test
  void anUnreachableBrokerIsOneErrorNamingIt() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free once closed: nothing listens there
    }
    SliceJobSettings config =
        SliceJobSettings.fromMap(
            Map.of(SliceJobOptions.BOOTSTRAP_SERVERS.key(), "127.0.0.1:" + port));

    assertThatThrownBy(() -> KafkaReachability.check(config, Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot reach Kafka at 127.0.0.1:" + port + " within 2 s")
        .hasMessageContaining("--bootstrap");
  }
}
