package dev.runtimeslicer.model.alert;

/** Where one system's alert lifecycle stands: the per-system state of {@link AlertLifecycle}. */
public class AlertTrack {
  public boolean firing;
  public String alertId;
  public long startsAtMs;

  /** Start of the first window of the current run of anomalous windows. */
  public long runStartMs;

  public int anomalousRun;
  public int calmRun;
  public long lastAnomalousEndMs;

  /** Windows since the last firing notification. */
  public int sinceNotified;

  /** Notifications sent of the current alert. */
  public int notifications;

  /**
   * The firing notification while an alert fires: later notifications of the alert keep its
   * diagnosis. Taking a later window's instead, when it deviates more on its own, named the root
   * cause first less often on three blind evaluation seeds (docs/evaluation.md): by then the
   * failure has spread to the services that wait on it.
   */
  public Alert fired;

  /**
   * Raw score of the window the current alert fired on (see {@link AlertLifecycle} on escalation).
   */
  public double firedRawScore;

  /** Consecutive anomalous windows deviating enough more than the firing one to escalate. */
  public int escalatedRun;

  /** Start of the first window of that run. */
  public long escalatedRunStartMs;

  /**
   * Diagnosis of the current run's window deviating most on its own (SliceAssessment's
   * windowRawScore), the run that fires or escalates an alert; null between runs.
   */
  public Alert runDiagnosis;

  /** That window's own raw score. */
  public double runDiagnosisRawScore;

  /**
   * Processing time the system's last window arrived (0: none yet); see {@link NoTelemetryWatch}.
   */
  public long lastWindowAtMs;

  /** Processing time of the pending silence check, 0 when none is pending. */
  public long checkAtMs;

  /** The firing notification of the system's no-telemetry alert while it is silent, else null. */
  public Alert noTelemetry;

  /** Processing time of the last notification sent during the silence. */
  public long silenceNotifiedAtMs;

  public AlertTrack() {}
}
