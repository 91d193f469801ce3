package dev.runtimeslicer.training;

import java.util.List;

/** Outcome of a training run: the weights of the best validation epoch and the history. */
public record TrainingResult(
    EncoderWeights weights,
    int bestEpoch,
    double bestValidationLoss,
    List<EpochStats> history,
    double seconds) {}
