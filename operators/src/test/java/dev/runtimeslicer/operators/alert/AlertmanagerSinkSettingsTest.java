package dev.runtimeslicer.operators.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertmanagerSinkSettingsTest {

  private static AlertmanagerSinkSettings settings(int maxAttempts, long initialMs, long maxMs) {
    return new AlertmanagerSinkSettings(
        "http://am:9093",
        null,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        maxAttempts,
        Duration.ofMillis(initialMs),
        Duration.ofMillis(maxMs),
        Duration.ofMinutes(5),
        100);
  }

  @ParameterizedTest
  @CsvSource({
    "http://am:9093, http://am:9093/api/v2/alerts",
    "http://am:9093/, http://am:9093/api/v2/alerts",
    "https://ops.example/alertmanager, https://ops.example/alertmanager/api/v2/alerts",
    "HTTP://127.0.0.1:9093, HTTP://127.0.0.1:9093/api/v2/alerts"
  })
  void postsToTheV2AlertsEndpointBelowTheBaseUrl(String url, String endpoint) {
    assertThat(AlertmanagerSinkSettings.defaults(url).alertsEndpoint())
        .isEqualTo(URI.create(endpoint));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "alertmanager:9093           | must start with http:// or https://",
        "ftp://am:9093               | must start with http:// or https://",
        "http://am 9093              | is not a valid URL",
        "http://                     | is not a valid URL",
        "http:///api                 | has no usable host name",
        "http://am:9093?x=1          | must not have a query or fragment",
        "http://user:pw@am:9093      | must not contain user info",
        "http://am:9093/api/v2/alerts | must be the base URL",
        "'  '                        | must be set"
      })
  void rejectsABadUrlSayingWhatIsWrong(String url, String message) {
    assertThatThrownBy(() -> AlertmanagerSinkSettings.defaults(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsARelativeGeneratorUrlAndAcceptsNone() {
    AlertmanagerSinkSettings base = AlertmanagerSinkSettings.defaults("http://am:9093");
    assertThatThrownBy(
            () ->
                new AlertmanagerSinkSettings(
                    base.url(),
                    "/jobs/detect",
                    base.connectTimeout(),
                    base.requestTimeout(),
                    base.maxAttempts(),
                    base.initialBackoff(),
                    base.maxBackoff(),
                    base.firingValidity(),
                    base.queueCapacity()))
        .hasMessageContaining("must be absolute");
    assertThat(
            new AlertmanagerSinkSettings(
                    base.url(),
                    "",
                    base.connectTimeout(),
                    base.requestTimeout(),
                    base.maxAttempts(),
                    base.initialBackoff(),
                    base.maxBackoff(),
                    base.firingValidity(),
                    base.queueCapacity())
                .generatorUrl())
        .isEmpty();
  }

  @Test
  void rejectsImpossibleRetrySettings() {
    assertThatThrownBy(() -> settings(0, 100, 1000))
        .hasMessageContaining("max attempts must be at least 1");
    assertThatThrownBy(() -> settings(3, 0, 1000))
        .hasMessageContaining("initial backoff must be positive");
    assertThatThrownBy(() -> settings(3, 500, 100))
        .hasMessageContaining("shorter than the initial backoff");
    assertThatThrownBy(
            () ->
                new AlertmanagerSinkSettings(
                    "http://am:9093",
                    null,
                    Duration.ZERO,
                    Duration.ofSeconds(1),
                    1,
                    Duration.ofMillis(1),
                    Duration.ofMillis(1),
                    Duration.ofMinutes(5),
                    100))
        .hasMessageContaining("connect timeout must be positive");
    assertThatThrownBy(
            () ->
                new AlertmanagerSinkSettings(
                    "http://am:9093",
                    null,
                    Duration.ofSeconds(1),
                    null,
                    1,
                    Duration.ofMillis(1),
                    Duration.ofMillis(1),
                    Duration.ofMinutes(5),
                    100))
        .hasMessageContaining("request timeout must be positive");
    assertThatThrownBy(
            () ->
                new AlertmanagerSinkSettings(
                    "http://am:9093",
                    null,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    1,
                    Duration.ofMillis(1),
                    Duration.ofMillis(1),
                    Duration.ofMinutes(5),
                    0))
        .hasMessageContaining("queue capacity must be at least 1");
  }

  @Test
  void backoffDoublesFromTheInitialWaitUpToTheCap() {
    AlertmanagerSinkSettings settings = settings(10, 100, 1000);

    assertThat(settings.backoffBeforeRetry(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(settings.backoffBeforeRetry(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.backoffBeforeRetry(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(settings.backoffBeforeRetry(5)).isEqualTo(Duration.ofMillis(1000));
    assertThat(settings.backoffBeforeRetry(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void boundsTheTimeOfOneAlertByEveryAttemptTimingOutPlusEveryBackoff() {
    // 4 attempts of (1 s connect + 2 s request), waits of 100, 200, 300 ms between them
    assertThat(settings(4, 100, 300).maxDeliveryTime())
        .isEqualTo(Duration.ofMillis(4 * 3000 + 100 + 200 + 300));
    assertThat(settings(1, 100, 300).maxDeliveryTime()).isEqualTo(Duration.ofSeconds(3));
  }
}
