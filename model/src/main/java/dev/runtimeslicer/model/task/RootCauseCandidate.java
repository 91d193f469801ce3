package dev.runtimeslicer.model.task;

/** A service (and instance, when known) suspected of causing an alert, with its score. */
public class RootCauseCandidate {
  public String service;

  /** Null when the slice does not tell the instances apart. */
  public String instance;

  /** Higher is more suspect; comparable within one alert. */
  public double score;

  public RootCauseCandidate() {}

  public RootCauseCandidate(String service, String instance, double score) {
    this.service = service;
    this.instance = instance;
    this.score = score;
  }
}
