package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.task.DiagnosedWindow;
import dev.runtimeslicer.model.task.TaskHead;
import java.util.List;
import java.util.Map;

/**
 * Fits one kind of {@link TaskHead} on the frozen embedding from labeled incidents. A new head is
 * its head class, its fitter, and one line in {@link TaskHeadFitters}: tuning, heads.json, the
 * analyzer and the assessment and alert outputs carry any head's answer by its name.
 */
public interface TaskHeadFitter {

  /**
   * The name of the heads this fits ({@link TaskHead#name()}), and the key of its tuning report.
   */
  String name();

  /**
   * Fits a head on {@code incidents}: per labeled incident, its most anomalous training windows as
   * heads read them online (most anomalous first; never empty).
   */
  Fitted fit(Map<FaultLabel, List<DiagnosedWindow>> incidents);

  /**
   * A fitted head, or null where the incidents cannot support one, and what fitting measured (for
   * people: it lands in the tuning report).
   */
  record Fitted(TaskHead head, Map<String, Object> report) {}
}
