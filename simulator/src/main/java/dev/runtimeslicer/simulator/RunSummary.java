package dev.runtimeslicer.simulator;

import dev.runtimeslicer.model.format.FaultLabel;
import java.util.List;

/** What a simulation run produced. */
public record RunSummary(
    String system,
    long requests,
    long spans,
    long logRecords,
    long metricExports,
    List<FaultLabel> faults) {}
