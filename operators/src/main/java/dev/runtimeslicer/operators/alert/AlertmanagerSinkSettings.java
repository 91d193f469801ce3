package dev.runtimeslicer.operators.alert;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where and how {@link AlertmanagerSink} delivers: Alertmanager's base URL, the back-link put on
 * every alert, HTTP timeouts and the retry schedule (capped exponential backoff).
 *
 * @param url Alertmanager's base URL, e.g. {@code http://alertmanager:9093}; alerts go to {@code
 *     {url}/api/v2/alerts}
 * @param generatorUrl link sent as every alert's {@code generatorURL}, or null/empty for none
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for a response to one POST
 * @param maxAttempts attempts per alert, the first included; then it is dropped
 * @param initialBackoff wait before the first retry; doubled for each further retry
 * @param maxBackoff cap of the wait between attempts
 * @param firingValidity a firing alert is posted with {@code endsAt} this far after the post, so
 *     Alertmanager resolves it on its own if no further notification comes (the job stopped);
 *     several repeat intervals, so a repeat renews it in time
 * @param queueCapacity alerts (distinct ids) waiting for delivery per sink subtask; beyond it the
 *     oldest waiting one is dropped, so an Alertmanager outage never holds up the job
 */
public record AlertmanagerSinkSettings(
    String url,
    String generatorUrl,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration firingValidity,
    int queueCapacity)
    implements Serializable {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

  /** Five repeat intervals of the default one minute. */
  public static final Duration DEFAULT_FIRING_VALIDITY = Duration.ofMinutes(5);

  /** Far more alerts than one job fires between two repeats, small beside the heap. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1000;

  static final String ALERTS_PATH = "/api/v2/alerts";

  public AlertmanagerSinkSettings {
    checkBaseUrl(url);
    checkGeneratorUrl(generatorUrl);
    positive("connect timeout", connectTimeout);
    positive("request timeout", requestTimeout);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "Alertmanager max attempts must be at least 1, got " + maxAttempts);
    }
    positive("initial backoff", initialBackoff);
    positive("max backoff", maxBackoff);
    positive("firing validity", firingValidity);
    if (queueCapacity < 1) {
      throw new IllegalArgumentException(
          "Alertmanager queue capacity must be at least 1, got " + queueCapacity);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "Alertmanager max backoff "
              + maxBackoff
              + " is shorter than the initial backoff "
              + initialBackoff);
    }
  }

  /** Settings with the default timeouts and retries and no generator URL. */
  public static AlertmanagerSinkSettings defaults(String url) {
    return new AlertmanagerSinkSettings(
        url,
        null,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF,
        DEFAULT_FIRING_VALIDITY,
        DEFAULT_QUEUE_CAPACITY);
  }

  /** The v2 endpoint alerts are posted to. */
  public URI alertsEndpoint() {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return URI.create(base + ALERTS_PATH);
  }

  /**
   * The wait before retry number {@code retry} (1 for the second attempt): initial backoff doubled
   * per retry, capped.
   */
  public Duration backoffBeforeRetry(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries count from 1, got " + retry);
    }
    Duration backoff = initialBackoff;
    // stop doubling at the cap, so no retry count can overflow the duration
    for (int i = 1; i < retry && backoff.compareTo(maxBackoff) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
  }

  /**
   * The longest one attempt may take before it is abandoned: connecting plus waiting for the whole
   * response.
   */
  public Duration attemptTimeout() {
    return connectTimeout.plus(requestTimeout);
  }

  /**
   * Upper bound of the time one alert can hold the delivery thread: every attempt timing out, with
   * every backoff between.
   */
  public Duration maxDeliveryTime() {
    Duration total = attemptTimeout().multipliedBy(maxAttempts);
    for (int retry = 1; retry < maxAttempts; retry++) {
      total = total.plus(backoffBeforeRetry(retry));
    }
    return total;
  }

  private static void checkBaseUrl(String url) {
    URI uri = parse("Alertmanager URL", url);
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException(
          "Alertmanager URL '" + url + "' must start with http:// or https://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "Alertmanager URL '" + url + "' has no usable host name (letters, digits, '-' and '.')");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "Alertmanager URL '" + url + "' must not have a query or fragment");
    }
    if (uri.getRawUserInfo() != null) {
      // java.net.http does not turn user info into credentials; it would be silently ignored
      throw new IllegalArgumentException(
          "Alertmanager URL '"
              + url
              + "' must not contain user info; credentials are not supported");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.replaceAll("/+$", "").endsWith(ALERTS_PATH)) {
      throw new IllegalArgumentException(
          "Alertmanager URL '"
              + url
              + "' must be the base URL (e.g. http://alertmanager:9093); "
              + ALERTS_PATH
              + " is added to it");
    }
  }

  private static void checkGeneratorUrl(String generatorUrl) {
    if (generatorUrl == null || generatorUrl.isEmpty()) {
      return;
    }
    if (parse("generator URL", generatorUrl).getScheme() == null) {
      throw new IllegalArgumentException(
          "generator URL '" + generatorUrl + "' must be absolute (with a scheme such as https://)");
    }
  }

  private static URI parse(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must be set");
    }
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' is not a valid URL: "
              + e.getReason()
              + " at index "
              + e.getIndex(),
          e);
    }
  }

  private static void positive(String what, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "Alertmanager " + what + " must be positive, got " + value);
    }
  }
}
