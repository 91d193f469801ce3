package dev.runtimeslicer.training.scoring;

import java.util.Map;

/**
 * Detection quality of alerts against labeled faults, plus triage and localization scored on each
 * detected fault's first alert.
 *
 * @param firstAlerts each detected fault's first alert, by fault id
 */
public record DetectionScore(
    double precision,
    double recall,
    double f1,
    double delaySecondsMedian,
    double falseAlertsPerDay,
    int faults,
    int detectedFaults,
    int alerts,
    int falseAlerts,
    RankingScore triage,
    Map<String, ScoredAlert> firstAlerts) {}
