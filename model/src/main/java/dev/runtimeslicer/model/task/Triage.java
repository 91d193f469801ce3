package dev.runtimeslicer.model.task;

/** A failure-type decision: the type (or {@link TriageHead#UNKNOWN}) and its probability. */
public record Triage(String type, double probability) {}
