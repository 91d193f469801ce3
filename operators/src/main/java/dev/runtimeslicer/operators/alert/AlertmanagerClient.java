package dev.runtimeslicer.operators.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts request bodies to Alertmanager's alerts endpoint: retries connection errors, timeouts, 5xx
 * and 429 with capped exponential backoff up to the settings' attempts, gives up at once on any
 * other status. One call never takes longer than {@link
 * AlertmanagerSinkSettings#maxDeliveryTime()}.
 */
final class AlertmanagerClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerClient.class);
  static final int SNIPPET_LENGTH = 200;

  /**
   * How a post ended: delivered or not, after how many attempts, and why not; {@code unreachable}
   * when every attempt failed in a way that may pass (Alertmanager down or overloaded), as opposed
   * to Alertmanager rejecting this one alert.
   */
  record Outcome(boolean delivered, int attempts, String reason, boolean unreachable) {}

  /** How one attempt ended; {@code retryable} only matters when not delivered. */
  private record Attempt(boolean delivered, boolean retryable, String reason) {}

  private final AlertmanagerSinkSettings settings;
  private final Sleeper sleeper;
  private final Counter retries;
  private final URI endpoint;
  private final ExecutorService executor;
  private final HttpClient http;

  AlertmanagerClient(AlertmanagerSinkSettings settings, Sleeper sleeper, Counter retries) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.retries = retries;
    this.endpoint = settings.alertsEndpoint();
    // an own executor so close() can stop the client's threads; Java 17's HttpClient has no close()
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "alertmanager-http");
              thread.setDaemon(true);
              return thread;
            });
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // Alertmanager speaks HTTP/1.1; skipping the h2c upgrade saves a round of negotiation
            .version(HttpClient.Version.HTTP_1_1)
            .executor(executor)
            .build();
  }

  /** Where alerts go, for log messages. */
  URI endpoint() {
    return endpoint;
  }

  /**
   * Posts {@code body}, retrying as configured; never throws for a failed delivery, only when
   * interrupted.
   */
  Outcome post(String body) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    for (int attempt = 1; ; attempt++) {
      Attempt result = attempt(request);
      if (result.delivered()) {
        return new Outcome(true, attempt, null, false);
      }
      if (!result.retryable()) {
        return new Outcome(false, attempt, result.reason() + " (not retried)", false);
      }
      if (attempt >= settings.maxAttempts()) {
        return new Outcome(
            false, attempt, result.reason() + " (gave up after " + attempt + " attempts)", true);
      }
      Duration backoff = settings.backoffBeforeRetry(attempt);
      LOG.info(
          "Alertmanager attempt {} of {} to {} failed: {}; retrying in {} ms",
          attempt,
          settings.maxAttempts(),
          endpoint,
          result.reason(),
          backoff.toMillis());
      retries.inc();
      sleeper.sleep(backoff);
    }
  }

  private Attempt attempt(HttpRequest request) throws InterruptedException {
    CompletableFuture<HttpResponse<String>> response =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      // the request timeout ends with the response headers; this bound also covers a body that
      // never ends
      return classify(response.get(settings.attemptTimeout().toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      response.cancel(true);
      return new Attempt(
          false,
          true,
          "no complete response within " + settings.attemptTimeout().toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      // I/O trouble (refused, reset, timed out) may pass; anything else would fail the same way
      // again
      return new Attempt(false, cause instanceof IOException, describe(cause));
    } catch (InterruptedException e) {
      response.cancel(true);
      throw e;
    }
  }

  private static Attempt classify(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Attempt(true, false, null);
    }
    String reason = "HTTP " + status + " from Alertmanager: " + snippet(response.body());
    return new Attempt(false, status == 429 || status >= 500, reason);
  }

  /**
   * The exception's type and the first message along its causes, else the causes' types (a refused
   * connection has no message).
   */
  static String describe(Throwable failure) {
    StringBuilder types = new StringBuilder(failure.getClass().getSimpleName());
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        return failure.getClass().getSimpleName() + ": " + cause.getMessage();
      }
      if (cause != failure) {
        types.append(" from ").append(cause.getClass().getSimpleName());
      }
    }
    return types.toString();
  }

  /** The start of a response body on one line, for logs. */
  static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    return line.length() <= SNIPPET_LENGTH ? line : line.substring(0, SNIPPET_LENGTH) + "...";
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
