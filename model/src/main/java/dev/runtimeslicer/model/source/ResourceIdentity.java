package dev.runtimeslicer.model.source;

/**
 * The identity a resource gives its records: system, service and instance (empty when none is
 * named).
 */
record ResourceIdentity(String system, String service, String instance) {}
