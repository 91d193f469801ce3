package dev.runtimeslicer.model.task;

import java.util.Map;

/**
 * What normal looks like in one runtime state: the neighbour reference of system embeddings, each
 * service's normal, the calibration of the anomaly score and the state's firing score.
 *
 * @param windows normal training windows of the state
 * @param system k-NN reference of system embeddings
 * @param services per system, per service: its normal in this state
 * @param mix how the raw deviation mixes embedding and symptom deviations
 * @param calibration score calibration of the raw deviation
 * @param fireScore score at or above which a window of this state is anomalous
 */
public record StateProfile(
    int windows,
    NeighborReference system,
    Map<String, Map<String, ServiceNormal>> services,
    DetectionMix mix,
    TailCalibration calibration,
    double fireScore) {

  /** The normal of {@code service} of {@code systemName}, or null when this state never saw it. */
  public ServiceNormal service(String systemName, String service) {
    Map<String, ServiceNormal> ofSystem = services.get(systemName);
    return ofSystem == null ? null : ofSystem.get(service);
  }
}
