package dev.runtimeslicer.model.task;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A light head on the frozen embedding that answers one question about each diagnosed window.
 *
 * <p>A bundle's heads are stored in heads.json by class name, so a new head is registered nowhere
 * in this module: {@link FailureAnalyzer} asks every head of the bundle about every window it
 * diagnoses, and the answer travels under {@link #name()} in {@link SliceAssessment#answers} and on
 * to alerts. Its fitter joins the training module's {@code TaskHeadFitters}. A head must be
 * immutable and thread-safe, and serializable by Jackson (a record is).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@class")
public interface TaskHead {

  /** The answer's key in assessments and alerts; unique among a bundle's heads. */
  String name();

  /** This head's answer about {@code window}. */
  HeadAnswer answer(DiagnosedWindow window);
}
