package dev.runtimeslicer.training;

/**
 * Losses of one training epoch (means over its batches), its duration, and how many steps had
 * non-finite gradients: recomputed once, and skipped when the recomputation was non-finite too.
 */
public record EpochStats(int epoch, double trainLoss, double validationLoss, double crossModal, double temporal,
    double service, double seconds, int recomputedSteps, int skippedSteps) {}
