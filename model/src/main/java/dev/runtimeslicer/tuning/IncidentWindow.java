package dev.runtimeslicer.tuning;

import dev.runtimeslicer.evaluation.FaultLabel;
import dev.runtimeslicer.task.FailureAnalyzer;

/** One window of a labeled incident with what the heads see in it. */
record IncidentWindow(FaultLabel fault, EmbeddedWindow window, FailureAnalyzer.Deviations deviations, double raw) {}
