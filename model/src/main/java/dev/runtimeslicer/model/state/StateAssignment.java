package dev.runtimeslicer.model.state;

/**
 * The runtime state a system-state embedding belongs to.
 *
 * @param state index of the nearest state
 * @param distance Euclidean distance to that state's centroid
 * @param novel true when the embedding is farther from every centroid than that state's radius
 */
public record StateAssignment(int state, double distance, boolean novel) {}
