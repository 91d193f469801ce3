package dev.runtimeslicer.alert;

import java.time.InstantSource;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each alert to Alertmanager before taking the next, counting {@code alertsSent},
 * {@code alertsRetried} (retry attempts) and {@code alertsDropped} (invalid alerts and failed
 * deliveries, each logged with its reason). A failed delivery never fails the job.
 */
final class AlertmanagerWriter implements SinkWriter<Alert> {

  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerWriter.class);
  static final String SENT = "alertsSent";
  static final String RETRIED = "alertsRetried";
  static final String DROPPED = "alertsDropped";

  private final AlertmanagerPayload payload;
  private final AlertmanagerClient client;
  private final InstantSource clock;
  private final Counter sent;
  private final Counter dropped;

  AlertmanagerWriter(AlertmanagerSinkSettings settings, Sleeper sleeper, InstantSource clock, MetricGroup metrics) {
    this.payload = new AlertmanagerPayload(settings.generatorUrl(), settings.firingValidity().toMillis());
    this.clock = clock;
    this.sent = metrics.counter(SENT);
    this.dropped = metrics.counter(DROPPED);
    this.client = new AlertmanagerClient(settings, sleeper, metrics.counter(RETRIED));
  }

  @Override
  public void write(Alert alert, Context context) throws InterruptedException {
    String problem = AlertmanagerPayload.problem(alert);
    if (problem != null) {
      dropped.inc();
      LOG.warn("Dropped {} alert {} of system {}: invalid for Alertmanager, {}", alert.status, alert.id, alert.system, problem);
      return;
    }
    AlertmanagerClient.Outcome outcome;
    try {
      outcome = client.post(payload.body(alert, clock.millis()));
    } catch (InterruptedException e) {
      // only a stopping task interrupts; the alert is replayed from the last checkpoint if the job goes on
      LOG.warn("Interrupted while sending {} alert {} of system {} to Alertmanager; not delivered", alert.status, alert.id, alert.system);
      throw e;
    }
    if (outcome.delivered()) {
      sent.inc();
    } else {
      dropped.inc();
      LOG.warn("Dropped {} alert {} of system {}: delivery to {} failed after {} attempt(s): {}", alert.status, alert.id,
          alert.system, client.endpoint(), outcome.attempts(), outcome.reason());
    }
  }

  /**
   * Nothing is ever pending here: {@link #write} returns only once its alert is delivered or given
   * up, within {@link AlertmanagerSinkSettings#maxDeliveryTime()}. So a checkpoint barrier, or the
   * end of input, finds every earlier alert settled.
   */
  @Override
  public void flush(boolean endOfInput) {}

  @Override
  public void close() {
    client.close();
  }
}
