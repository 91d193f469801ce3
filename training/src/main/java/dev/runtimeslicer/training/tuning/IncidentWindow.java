package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.task.FailureAnalyzer;

/** One window of a labeled incident with what the heads see in it. */
record IncidentWindow(
    FaultLabel fault, EmbeddedWindow window, FailureAnalyzer.Deviations deviations, double raw) {}
