package dev.runtimeslicer.operators.alert;

import dev.runtimeslicer.model.alert.Alert;
import java.time.InstantSource;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of a sink subtask that posts {@link PendingAlerts} to Alertmanager, oldest first,
 * with the client's retries and backoff; counts each alert as sent or dropped. It runs apart from
 * the task thread so that a slow or absent Alertmanager never back-pressures the job.
 */
final class AlertmanagerDelivery implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerDelivery.class);
  // close() only waits for an interrupted post to return; it does not wait for delivery
  private static final long JOIN_MILLIS = 5_000;

  private final PendingAlerts pending;
  private final AlertmanagerClient client;
  private final AlertmanagerPayload payload;
  private final InstantSource clock;
  private final Counter sent;
  private final Counter dropped;
  private final Thread thread;

  AlertmanagerDelivery(
      PendingAlerts pending,
      AlertmanagerClient client,
      AlertmanagerPayload payload,
      InstantSource clock,
      Counter sent,
      Counter dropped,
      String threadName) {
    this.pending = pending;
    this.client = client;
    this.payload = payload;
    this.clock = clock;
    this.sent = sent;
    this.dropped = dropped;
    this.thread = new Thread(this::deliverUntilClosed, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  private void deliverUntilClosed() {
    while (true) {
      Alert alert;
      try {
        alert = pending.takeNext();
      } catch (InterruptedException e) {
        return;
      }
      if (alert == null) {
        return;
      }
      boolean delivered = false;
      boolean unreachable = false;
      try {
        // endsAt of a firing alert counts from the post, so the body is made when it goes out
        AlertmanagerClient.Outcome outcome = client.post(payload.body(alert, clock.millis()));
        delivered = outcome.delivered();
        unreachable = outcome.unreachable();
        if (!delivered) {
          LOG.warn(
              "Dropped {} alert {} of system {}: delivery to {} failed after {} attempt(s): {}",
              alert.status,
              alert.id,
              alert.system,
              client.endpoint(),
              outcome.attempts(),
              outcome.reason());
        }
      } catch (InterruptedException e) {
        LOG.warn(
            "Stopped while sending {} alert {} of system {} to Alertmanager; not delivered",
            alert.status,
            alert.id,
            alert.system);
        dropped.inc();
        pending.finished(true);
        return;
      } catch (RuntimeException e) {
        // a bug in building the body must not end delivery of every later alert
        LOG.error(
            "Dropped {} alert {} of system {}: could not post it",
            alert.status,
            alert.id,
            alert.system,
            e);
      }
      (delivered ? sent : dropped).inc();
      pending.finished(unreachable);
    }
  }

  /**
   * Waits until every pending alert is delivered or given up, or until one fails for good; see
   * {@link PendingAlerts#awaitDrained}.
   */
  boolean drain() throws InterruptedException {
    return pending.awaitDrained();
  }

  /** Stops the thread, abandoning what still waits (counted as dropped, logged). */
  @Override
  public void close() {
    int abandoned = pending.close();
    thread.interrupt();
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
    if (abandoned > 0) {
      dropped.inc(abandoned);
      LOG.warn(
          "Closed the Alertmanager sink with {} alert(s) not delivered to {}",
          abandoned,
          client.endpoint());
    }
  }
}
