package dev.runtimeslicer.simulator.system;

/** One entry of the request mix: an entry operation "service/operation" and its relative weight. */
public record EntrySpec(String entry, double weight) {}
