package dev.runtimeslicer.training;

/**
 * Losses of one training epoch (means over its batches), its duration, and how many steps were
 * skipped for a non-finite loss or gradient.
 */
public record EpochStats(
    int epoch,
    double trainLoss,
    double validationLoss,
    double crossModal,
    double temporal,
    double service,
    double seconds,
    int skippedSteps) {}
