package dev.runtimeslicer.model.alert;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches a system's windows by processing time, where the {@link AlertLifecycle} sees only
 * windows: a system whose windows stop coming for {@code silenceAfterMs} gets a "no telemetry"
 * alert; while it stays silent, that alert and a failure alert already firing are repeated every
 * {@code repeatMs} (so Alertmanager keeps them); the next window resolves the no-telemetry alert,
 * and a silence as long as {@code forgetAfterMs} (the alert state's TTL) resolves both and forgets
 * the system. A failure alert is not resolved by silence alone: a system that stopped sending may
 * be the failure at its worst.
 *
 * <p>Silence counts from the later of the last window and {@code startedAtMs}, the watcher's start,
 * so a restarted job does not call every system silent before its windows resume. Pure logic over
 * an {@link AlertTrack}; the caller owns the clock and timers.
 */
public final class NoTelemetryWatch implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Failure type of a no-telemetry alert. */
  public static final String FAILURE_TYPE = "no_telemetry";

  /** What a check did: notifications to send, and whether the system's track is to be forgotten. */
  public record Check(List<Alert> alerts, boolean forget) {}

  private final long silenceAfterMs;
  private final long repeatMs;
  private final long forgetAfterMs;

  /**
   * @param silenceAfterMs processing time without a window before the system counts as silent
   * @param repeatMs processing time between repeats while silent; 0 sends no repeats
   * @param forgetAfterMs processing time without a window after which the system is forgotten;
   *     above {@code silenceAfterMs}
   */
  public NoTelemetryWatch(long silenceAfterMs, long repeatMs, long forgetAfterMs) {
    if (silenceAfterMs <= 0 || repeatMs < 0 || forgetAfterMs <= silenceAfterMs) {
      throw new IllegalArgumentException(
          "no-telemetry watch needs silence > 0, repeat >= 0 and forget > silence; got "
              + silenceAfterMs
              + " ms, "
              + repeatMs
              + " ms, "
              + forgetAfterMs
              + " ms");
    }
    this.silenceAfterMs = silenceAfterMs;
    this.repeatMs = repeatMs;
    this.forgetAfterMs = forgetAfterMs;
  }

  /** Whether {@code alert} is a no-telemetry alert. */
  public static boolean isNoTelemetry(Alert alert) {
    return FAILURE_TYPE.equals(alert.failureType);
  }

  /** A window of the system arrived at {@code nowMs}: resolves its no-telemetry alert, if any. */
  public List<Alert> onWindow(AlertTrack track, long nowMs) {
    track.lastWindowAtMs = nowMs;
    if (track.noTelemetry == null) {
      return List.of();
    }
    Alert resolved = copy(track.noTelemetry, Alert.RESOLVED, track.noTelemetry.sequence + 1);
    resolved.endsAtMs = nowMs;
    track.noTelemetry = null;
    return List.of(resolved);
  }

  /**
   * When the next check is due (processing time): when silence would begin, or the next repeat or
   * the forgetting.
   */
  public long nextCheckMs(AlertTrack track, long startedAtMs) {
    long seen = Math.max(track.lastWindowAtMs, startedAtMs);
    if (track.noTelemetry == null) {
      return seen + silenceAfterMs;
    }
    long forget = seen + forgetAfterMs;
    return repeatMs > 0 ? Math.min(track.silenceNotifiedAtMs + repeatMs, forget) : forget;
  }

  /**
   * The check at processing time {@code nowMs}, for {@code system}: fires, repeats or ends the
   * silence's alerts.
   */
  public Check onCheck(AlertTrack track, String system, long nowMs, long startedAtMs) {
    long seen = Math.max(track.lastWindowAtMs, startedAtMs);
    List<Alert> alerts = new ArrayList<>();
    if (nowMs - seen >= forgetAfterMs) {
      if (track.noTelemetry != null) {
        Alert resolved = copy(track.noTelemetry, Alert.RESOLVED, track.noTelemetry.sequence + 1);
        resolved.endsAtMs = nowMs;
        alerts.add(resolved);
      }
      if (track.firing) {
        Alert resolved = AlertLifecycle.notification(track, Alert.RESOLVED);
        resolved.endsAtMs = Math.max(track.lastAnomalousEndMs, resolved.startsAtMs);
        alerts.add(resolved);
      }
      return new Check(alerts, true);
    }
    if (track.noTelemetry == null) {
      if (nowMs - seen < silenceAfterMs) {
        return new Check(List.of(), false);
      }
      track.noTelemetry = fired(system, track.lastWindowAtMs > 0 ? track.lastWindowAtMs : seen);
      alerts.add(track.noTelemetry);
    } else if (repeatMs > 0 && nowMs - track.silenceNotifiedAtMs >= repeatMs) {
      track.noTelemetry = copy(track.noTelemetry, Alert.FIRING, track.noTelemetry.sequence + 1);
      alerts.add(track.noTelemetry);
    } else {
      return new Check(List.of(), false);
    }
    if (track.firing) {
      alerts.add(AlertLifecycle.notification(track, Alert.FIRING));
    }
    track.silenceNotifiedAtMs = nowMs;
    return new Check(alerts, false);
  }

  private static Alert fired(String system, long lastSeenMs) {
    Alert alert = new Alert();
    alert.id = system + "-no-telemetry-" + lastSeenMs;
    alert.system = system;
    alert.status = Alert.FIRING;
    alert.startsAtMs = lastSeenMs;
    alert.failureType = FAILURE_TYPE;
    alert.failureProbability = 1;
    return alert;
  }

  private static Alert copy(Alert alert, String status, int sequence) {
    Alert copy = fired(alert.system, alert.startsAtMs);
    copy.id = alert.id;
    copy.status = status;
    copy.sequence = sequence;
    return copy;
  }
}
