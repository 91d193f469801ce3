package dev.runtimeslicer.operators.alert;

import dev.runtimeslicer.model.alert.Alert;
import java.time.InstantSource;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each alert to a bounded queue that a delivery thread posts to Alertmanager, so writing
 * never waits for Alertmanager. Counts {@code alertsSent}, {@code alertsRetried} (retry attempts),
 * {@code alertsSuperseded} (a newer state of the same alert replaced one still waiting), {@code
 * alertsDropped} (invalid alerts, queue overflow, failed deliveries, alerts left at close; each
 * logged with its reason) and shows {@code alertsPending}. A failed delivery never fails the job.
 *
 * <p>Written by hand rather than on Flink's {@code AsyncSinkWriter}: that writer blocks the task
 * when its buffer is full and flushes everything at each checkpoint, so an Alertmanager outage
 * would back-pressure detection and stall checkpoints, which is what this sink must not do.
 * Alertmanager is a notification channel; the alerts topic is the durable record.
 */
final class AlertmanagerWriter implements SinkWriter<Alert> {

  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerWriter.class);
  static final String SENT = "alertsSent";
  static final String RETRIED = "alertsRetried";
  static final String DROPPED = "alertsDropped";
  static final String SUPERSEDED = "alertsSuperseded";
  static final String PENDING = "alertsPending";

  private final PendingAlerts pending;
  private final AlertmanagerDelivery delivery;
  private final Counter dropped;
  private final Counter superseded;

  AlertmanagerWriter(
      AlertmanagerSinkSettings settings,
      Sleeper sleeper,
      InstantSource clock,
      MetricGroup metrics) {
    this.pending = new PendingAlerts(settings.queueCapacity());
    this.dropped = metrics.counter(DROPPED);
    this.superseded = metrics.counter(SUPERSEDED);
    metrics.gauge(PENDING, pending::size);
    AlertmanagerClient client = new AlertmanagerClient(settings, sleeper, metrics.counter(RETRIED));
    AlertmanagerPayload payload =
        new AlertmanagerPayload(settings.generatorUrl(), settings.firingValidity().toMillis());
    this.delivery =
        new AlertmanagerDelivery(
            pending,
            client,
            payload,
            clock,
            metrics.counter(SENT),
            dropped,
            "alertmanager-delivery");
  }

  @Override
  public void write(Alert alert, Context context) {
    String problem = AlertmanagerPayload.problem(alert);
    if (problem != null) {
      dropped.inc();
      LOG.warn(
          "Dropped {} alert {} of system {}: invalid for Alertmanager, {}",
          alert.status,
          alert.id,
          alert.system,
          problem);
      return;
    }
    switch (pending.offer(alert)) {
      case REPLACED -> superseded.inc();
      case QUEUED_DROPPING_OLDEST -> {
        dropped.inc();
        LOG.warn(
            "Dropped the oldest alert waiting for Alertmanager: the queue is full; is Alertmanager"
                + " reachable?");
      }
      case QUEUED -> {}
    }
  }

  /**
   * At a checkpoint, nothing: alerts still queued are not part of the checkpoint, and a failure
   * loses them (the next repeat of a firing alert posts it again). At the end of a bounded input,
   * waits until every queued alert is delivered or one fails after all its attempts.
   */
  @Override
  public void flush(boolean endOfInput) throws InterruptedException {
    if (endOfInput && !delivery.drain()) {
      LOG.warn(
          "End of input with {} alert(s) not yet delivered: Alertmanager failed a delivery; they"
              + " are dropped at close",
          pending.size());
    }
  }

  @Override
  public void close() {
    delivery.close();
  }
}
