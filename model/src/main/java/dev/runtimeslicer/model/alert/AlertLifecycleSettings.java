package dev.runtimeslicer.model.alert;

import java.io.Serializable;

/**
 * How an {@link AlertLifecycle} turns windows into notifications.
 *
 * @param firingWindows consecutive anomalous windows that fire an alert
 * @param resolvingWindows consecutive calm windows (scoring below {@code resolveScore}) that
 *     resolve it
 * @param resolveScore score a window must stay below to count as calm
 * @param repeatWindows windows between repeated firing notifications; 0 sends one only
 * @param escalationFactor how many times the firing window's raw score escalates an alert; 0 never
 */
public record AlertLifecycleSettings(
    int firingWindows,
    int resolvingWindows,
    double resolveScore,
    int repeatWindows,
    double escalationFactor)
    implements Serializable {

  public AlertLifecycleSettings {
    if (firingWindows < 1 || resolvingWindows < 1 || repeatWindows < 0) {
      throw new IllegalArgumentException(
          "alert lifecycle needs >= 1 firing and resolving windows and repeat >= 0, got "
              + firingWindows
              + ", "
              + resolvingWindows
              + ", "
              + repeatWindows);
    }
    AlertLifecycle.checkEscalationFactor(escalationFactor);
  }
}
