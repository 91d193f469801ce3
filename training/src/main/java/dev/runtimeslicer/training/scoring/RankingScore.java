package dev.runtimeslicer.training.scoring;

/**
 * Failure-type and root-cause quality over a set of diagnosed faults: triage macro-F1 and accuracy,
 * and the share of faults whose root-cause service is among the top 1, 3 and 5.
 */
public record RankingScore(
    int faults,
    double triageMacroF1,
    double triageAccuracy,
    double top1,
    double top3,
    double top5) {}
