package dev.runtimeslicer.operators.alert;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.AlertLifecycle;
import dev.runtimeslicer.model.alert.AlertLifecycleSettings;
import dev.runtimeslicer.model.alert.AlertTrack;
import dev.runtimeslicer.model.alert.NoTelemetryWatch;
import dev.runtimeslicer.model.task.SliceAssessment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by system: runs each system's {@link AlertLifecycle} over its window assessments (in window
 * order, as the slicer emits them) and emits the alert notifications. With a {@link
 * NoTelemetryWatch}, one processing-time check per system also alerts on a system whose windows
 * stop coming, repeats its alerts while it is silent and forgets it after the TTL; without one, the
 * per-system track expires after a TTL without windows. Either way, systems that went away do not
 * keep state forever.
 */
public final class AlertLifecycleFunction
    extends KeyedProcessFunction<String, SliceAssessment, Alert> {

  private static final long serialVersionUID = 1L;

  private final AlertLifecycleSettings settings;
  private final Duration stateTtl;
  private final NoTelemetryWatch silence;

  private transient AlertLifecycle lifecycle;

  /**
   * Processing time of the first element or timer since (re)start: silence counts from here at the
   * earliest.
   */
  private transient long startedAtMs;

  private transient ValueState<AlertTrack> track;
  private transient Counter fired;
  private transient Counter resolved;
  private transient Counter silent;

  /**
   * @param settings how windows become notifications
   * @param stateTtl how long a system's track outlives its last window
   * @param silence the watch for silent systems, or null for none (bounded replays, where
   *     processing time says nothing)
   */
  public AlertLifecycleFunction(
      AlertLifecycleSettings settings, Duration stateTtl, NoTelemetryWatch silence) {
    this.settings = settings;
    this.stateTtl = stateTtl;
    this.silence = silence;
  }

  @Override
  public void open(OpenContext openContext) {
    lifecycle = new AlertLifecycle(settings);
    ValueStateDescriptor<AlertTrack> descriptor =
        new ValueStateDescriptor<>("alert-track", AlertTrack.class);
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(stateTtl)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build());
    track = getRuntimeContext().getState(descriptor);
    fired = getRuntimeContext().getMetricGroup().counter("alertsFired");
    resolved = getRuntimeContext().getMetricGroup().counter("alertsResolved");
    silent = getRuntimeContext().getMetricGroup().counter("systemsFallenSilent");
    startedAtMs = Long.MIN_VALUE;
  }

  @Override
  public void processElement(SliceAssessment window, Context context, Collector<Alert> out)
      throws Exception {
    AlertTrack current = track.value();
    if (current == null) {
      current = new AlertTrack();
    }
    List<Alert> alerts = new ArrayList<>();
    if (silence != null) {
      long now = now(context.timerService());
      alerts.addAll(silence.onWindow(current, now));
      if (current.checkAtMs == 0) {
        // one check pending per system; it moves itself later when windows kept coming
        current.checkAtMs = silence.nextCheckMs(current, startedAtMs);
        context.timerService().registerProcessingTimeTimer(current.checkAtMs);
      }
    }
    alerts.addAll(lifecycle.next(current, window));
    track.update(current);
    emit(alerts, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Alert> out)
      throws Exception {
    AlertTrack current = track.value();
    if (silence == null || current == null || timestamp != current.checkAtMs) {
      return;
    }
    long now = now(context.timerService());
    NoTelemetryWatch.Check check =
        silence.onCheck(current, context.getCurrentKey(), now, startedAtMs);
    emit(check.alerts(), out);
    if (check.forget()) {
      track.clear();
      return;
    }
    current.checkAtMs = Math.max(now + 1, silence.nextCheckMs(current, startedAtMs));
    context.timerService().registerProcessingTimeTimer(current.checkAtMs);
    track.update(current);
  }

  private long now(TimerService timers) {
    long now = timers.currentProcessingTime();
    if (startedAtMs == Long.MIN_VALUE) {
      startedAtMs = now;
    }
    return now;
  }

  private void emit(List<Alert> alerts, Collector<Alert> out) {
    for (Alert alert : alerts) {
      if (Alert.RESOLVED.equals(alert.status)) {
        resolved.inc();
      } else if (alert.sequence == 0) {
        (NoTelemetryWatch.isNoTelemetry(alert) ? silent : fired).inc();
      }
      out.collect(alert);
    }
  }
}
