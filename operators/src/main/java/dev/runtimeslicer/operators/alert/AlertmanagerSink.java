package dev.runtimeslicer.operators.alert;

import dev.runtimeslicer.model.alert.Alert;
import java.time.InstantSource;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Sends alerts to a Prometheus Alertmanager (v2 API) from a delivery thread of its own, the newest
 * state of each alert, retried within a bound while Alertmanager does not answer, then dropped and
 * counted; never holds up the job.
 */
public final class AlertmanagerSink implements Sink<Alert> {

  private static final long serialVersionUID = 1L;

  private final AlertmanagerSinkSettings settings;
  private final Sleeper sleeper;

  public AlertmanagerSink(AlertmanagerSinkSettings settings) {
    this(settings, Sleeper.REAL);
  }

  AlertmanagerSink(AlertmanagerSinkSettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
  }

  @Override
  public SinkWriter<Alert> createWriter(WriterInitContext context) {
    return new AlertmanagerWriter(settings, sleeper, InstantSource.system(), context.metricGroup());
  }
}
