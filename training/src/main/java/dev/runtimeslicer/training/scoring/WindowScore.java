package dev.runtimeslicer.training.scoring;

/**
 * A method's anomaly score of one window [windowStartMs, windowEndMs) of a system, on that method's
 * own scale (compare it with the method's threshold, not with another method's score).
 */
public record WindowScore(String system, long windowStartMs, long windowEndMs, double score) {}
