package dev.runtimeslicer.alert;

import dev.runtimeslicer.task.SliceAssessment;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by system: runs each system's {@link AlertLifecycle} over its window assessments (in window
 * order, as the slicer emits them) and emits the alert notifications. The per-system track expires
 * after a TTL without windows, so systems that went away do not keep state forever.
 */
public final class AlertLifecycleFunction extends KeyedProcessFunction<String, SliceAssessment, Alert> {

  private static final long serialVersionUID = 1L;

  private final int firingWindows;
  private final int resolvingWindows;
  private final double resolveScore;
  private final int repeatWindows;
  private final double escalationFactor;
  private final Duration stateTtl;

  private transient AlertLifecycle lifecycle;
  private transient ValueState<AlertTrack> track;
  private transient Counter fired;
  private transient Counter resolved;

  /** Parameters as {@link AlertLifecycle} takes them, and the TTL of a system's track. */
  public AlertLifecycleFunction(int firingWindows, int resolvingWindows, double resolveScore, int repeatWindows,
      double escalationFactor, Duration stateTtl) {
    this.firingWindows = firingWindows;
    this.resolvingWindows = resolvingWindows;
    this.resolveScore = resolveScore;
    this.repeatWindows = repeatWindows;
    this.escalationFactor = escalationFactor;
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    lifecycle = new AlertLifecycle(firingWindows, resolvingWindows, resolveScore, repeatWindows, escalationFactor);
    ValueStateDescriptor<AlertTrack> descriptor = new ValueStateDescriptor<>("alert-track", AlertTrack.class);
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl)
        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
        .build());
    track = getRuntimeContext().getState(descriptor);
    fired = getRuntimeContext().getMetricGroup().counter("alertsFired");
    resolved = getRuntimeContext().getMetricGroup().counter("alertsResolved");
  }

  @Override
  public void processElement(SliceAssessment window, Context context, Collector<Alert> out) throws Exception {
    AlertTrack current = track.value();
    if (current == null) {
      current = new AlertTrack();
    }
    List<Alert> alerts = lifecycle.next(current, window);
    track.update(current);
    for (Alert alert : alerts) {
      if (Alert.RESOLVED.equals(alert.status)) {
        resolved.inc();
      } else if (alert.sequence == 0) {
        fired.inc();
      }
      out.collect(alert);
    }
  }
}
