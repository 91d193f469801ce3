package dev.runtimeslicer.training;

/** Losses of one training epoch (means over its batches) and its duration. */
public record EpochStats(int epoch, double trainLoss, double validationLoss, double crossModal, double temporal,
    double service, double seconds) {}
