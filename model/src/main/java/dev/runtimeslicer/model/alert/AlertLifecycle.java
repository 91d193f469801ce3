package dev.runtimeslicer.model.alert;

import dev.runtimeslicer.model.task.HeadAnswer;
import dev.runtimeslicer.model.task.ServiceEdge;
import dev.runtimeslicer.model.task.SliceAssessment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one system's window assessments, in window order, into alert notifications with hysteresis:
 * an alert fires after {@code firingWindows} consecutive anomalous windows (its start is the first
 * of them), repeats its firing notification every {@code repeatWindows} windows while it lasts
 * (Alertmanager forgets alerts that are not re-sent), and resolves after {@code resolvingWindows}
 * consecutive windows scoring below {@code resolveScore}, ending with the last anomalous window.
 * Every notification of one alert carries the diagnosis it fired with (type, root causes, evidence:
 * those of the window of the firing run that deviates most on its own, as the smoothed score may
 * cross the threshold where the failure shows less) and the current window's score. An alert
 * escalates when {@code firingWindows} consecutive anomalous windows deviate at least {@code
 * escalationFactor} times as much as the window it fired on (raw score): it resolves and a new
 * alert fires with the escalated run's diagnosis, so a failure that begins while an alert is
 * already firing (on a load surge, say) is announced and diagnosed instead of hiding in the older
 * alert. Pure logic over an {@link AlertTrack}, so it runs the same in Flink and in offline
 * evaluation.
 */
public final class AlertLifecycle {

  /** Root-cause candidates an alert carries. */
  public static final int ROOT_CAUSES = 3;

  private final int firingWindows;
  private final int resolvingWindows;
  private final double resolveScore;
  private final int repeatWindows;
  private final double escalationFactor;

  /** A lifecycle with these settings. */
  public AlertLifecycle(AlertLifecycleSettings settings) {
    this.firingWindows = settings.firingWindows();
    this.resolvingWindows = settings.resolvingWindows();
    this.resolveScore = settings.resolveScore();
    this.repeatWindows = settings.repeatWindows();
    this.escalationFactor = settings.escalationFactor();
  }

  /** A lifecycle that never escalates. */
  public AlertLifecycle(
      int firingWindows, int resolvingWindows, double resolveScore, int repeatWindows) {
    this(firingWindows, resolvingWindows, resolveScore, repeatWindows, 0);
  }

  /** See {@link AlertLifecycleSettings} for the parameters. */
  public AlertLifecycle(
      int firingWindows,
      int resolvingWindows,
      double resolveScore,
      int repeatWindows,
      double escalationFactor) {
    this(
        new AlertLifecycleSettings(
            firingWindows, resolvingWindows, resolveScore, repeatWindows, escalationFactor));
  }

  /** Fails unless {@code factor} is above 1, or 0 (never escalate). */
  public static void checkEscalationFactor(double factor) {
    if (!(factor == 0 || factor > 1)) {
      throw new IllegalArgumentException(
          "escalation factor must be above 1 (or 0: never escalate), was " + factor);
    }
  }

  /**
   * Advances {@code track} by one window; the notifications it causes, in order: none, one, or on
   * escalation the older alert's resolution and the new alert's firing.
   */
  public List<Alert> next(AlertTrack track, SliceAssessment window) {
    if (window.partial) {
      // Reaches outside the system's data (see RuntimeSlice#partial): neither anomalous nor calm.
      return List.of();
    }
    if (window.anomalous) {
      if (track.anomalousRun == 0) {
        track.runStartMs = window.windowStartMs;
        if (!track.firing) {
          track.runDiagnosis = null;
        }
      }
      track.anomalousRun++;
      track.calmRun = 0;
    } else {
      track.anomalousRun = 0;
      track.calmRun = window.anomalyScore < resolveScore ? track.calmRun + 1 : 0;
    }
    if (!track.firing) {
      if (window.anomalous) {
        considerForDiagnosis(track, window);
      }
      if (track.anomalousRun >= firingWindows) {
        track.firing = true;
        track.startsAtMs = track.runStartMs;
        track.alertId = Alert.idOf(window.system, track.startsAtMs);
        track.lastAnomalousEndMs = window.windowEndMs;
        track.sinceNotified = 0;
        track.fired = diagnosed(track, window);
        track.notifications = 0;
        track.firedRawScore = window.rawScore;
        track.escalatedRun = 0;
        return List.of(copy(track, window, Alert.FIRING));
      }
      return List.of();
    }
    if (window.anomalous) {
      track.lastAnomalousEndMs = window.windowEndMs;
    }
    if (escalationFactor > 0
        && window.anomalous
        && track.firedRawScore > 0
        && window.rawScore >= escalationFactor * track.firedRawScore) {
      if (track.escalatedRun++ == 0) {
        track.escalatedRunStartMs = window.windowStartMs;
        track.runDiagnosis = null;
      }
      considerForDiagnosis(track, window);
    } else {
      track.escalatedRun = 0;
    }
    if (track.calmRun >= resolvingWindows) {
      Alert resolved = copy(track, window, Alert.RESOLVED);
      resolved.endsAtMs = track.lastAnomalousEndMs;
      track.firing = false;
      track.alertId = null;
      track.fired = null;
      track.calmRun = 0;
      return List.of(resolved);
    }
    if (track.escalatedRun >= firingWindows) {
      return escalate(track, window);
    }
    track.sinceNotified++;
    if (repeatWindows > 0 && track.sinceNotified >= repeatWindows) {
      track.sinceNotified = 0;
      return List.of(copy(track, window, Alert.FIRING));
    }
    return List.of();
  }

  /** Resolves the firing alert where the escalated run began and fires a new one from that run. */
  private static List<Alert> escalate(AlertTrack track, SliceAssessment window) {
    Alert resolved = copy(track, window, Alert.RESOLVED);
    resolved.endsAtMs = track.escalatedRunStartMs;
    track.startsAtMs = track.escalatedRunStartMs;
    track.alertId = Alert.idOf(window.system, track.startsAtMs);
    track.sinceNotified = 0;
    track.fired = diagnosed(track, window);
    track.notifications = 0;
    track.firedRawScore = window.rawScore;
    track.escalatedRun = 0;
    return List.of(resolved, copy(track, window, Alert.FIRING));
  }

  /**
   * Keeps {@code window}'s diagnosis as the run's when it deviates on its own at least as much as
   * the one kept (ties and unknown scores: the later window).
   */
  private static void considerForDiagnosis(AlertTrack track, SliceAssessment window) {
    if (track.runDiagnosis == null || !(window.windowRawScore < track.runDiagnosisRawScore)) {
      track.runDiagnosis = alert(track, window);
      track.runDiagnosisRawScore = window.windowRawScore;
    }
  }

  /**
   * The alert firing on {@code window} with the run's diagnosis (the window's own when there is
   * none).
   */
  private static Alert diagnosed(AlertTrack track, SliceAssessment window) {
    Alert alert = alert(track, window);
    Alert run = track.runDiagnosis;
    if (run != null) {
      alert.failureType = run.failureType;
      alert.failureProbability = run.failureProbability;
      alert.answers = answers(run.answers);
      alert.rootCauses = new ArrayList<>(run.rootCauses);
      alert.evidence = new ArrayList<>(run.evidence);
      alert.exemplarTraceIds = new ArrayList<>(run.exemplarTraceIds);
      alert.dependencies = dependencies(run.dependencies);
    }
    track.runDiagnosis = null;
    return alert;
  }

  /**
   * The next notification of the track's alert for {@code window}: the fired diagnosis, the
   * window's score.
   */
  private static Alert copy(AlertTrack track, SliceAssessment window, String status) {
    Alert alert = notification(track, status);
    alert.windowStartMs = window.windowStartMs;
    alert.windowEndMs = window.windowEndMs;
    alert.anomalyScore = window.anomalyScore;
    alert.state = window.state;
    alert.novelState = window.novelState;
    return alert;
  }

  /**
   * The next notification of the firing alert of {@code track}, with the window and score it fired
   * on.
   */
  static Alert notification(AlertTrack track, String status) {
    Alert fired = track.fired;
    Alert alert = new Alert();
    alert.id = fired.id;
    alert.system = fired.system;
    alert.status = status;
    alert.sequence = track.notifications++;
    alert.startsAtMs = fired.startsAtMs;
    alert.windowStartMs = fired.windowStartMs;
    alert.windowEndMs = fired.windowEndMs;
    alert.anomalyScore = fired.anomalyScore;
    alert.state = fired.state;
    alert.novelState = fired.novelState;
    alert.failureType = fired.failureType;
    alert.failureProbability = fired.failureProbability;
    alert.answers = answers(fired.answers);
    alert.rootCauses = new ArrayList<>(fired.rootCauses);
    alert.evidence = new ArrayList<>(fired.evidence);
    alert.exemplarTraceIds = new ArrayList<>(fired.exemplarTraceIds);
    alert.dependencies = dependencies(fired.dependencies);
    return alert;
  }

  private static Alert alert(AlertTrack track, SliceAssessment window) {
    Alert alert = new Alert();
    alert.id = track.alertId;
    alert.system = window.system;
    alert.status = Alert.FIRING;
    alert.startsAtMs = track.startsAtMs;
    alert.windowStartMs = window.windowStartMs;
    alert.windowEndMs = window.windowEndMs;
    alert.anomalyScore = window.anomalyScore;
    alert.state = window.state;
    alert.novelState = window.novelState;
    alert.failureType = window.failureType;
    alert.failureProbability = window.failureProbability;
    alert.answers = answers(window.answers);
    alert.rootCauses =
        new ArrayList<>(
            window.rootCauses.subList(0, Math.min(ROOT_CAUSES, window.rootCauses.size())));
    alert.evidence = new ArrayList<>(window.evidence);
    alert.exemplarTraceIds = new ArrayList<>(window.exemplarTraceIds);
    alert.dependencies = dependencies(window.dependencies);
    return alert;
  }

  /** A copy of {@code dependencies} (null, as read from an alert written before them: none). */
  private static List<ServiceEdge> dependencies(List<ServiceEdge> dependencies) {
    return dependencies == null ? new ArrayList<>() : new ArrayList<>(dependencies);
  }

  /** A copy of {@code answers} (null, as read from an alert written before answers: none). */
  private static Map<String, HeadAnswer> answers(Map<String, HeadAnswer> answers) {
    return answers == null ? new HashMap<>() : new HashMap<>(answers);
  }
}
