package dev.runtimeslicer.simulator.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A service: its protocol ("http", "grpc" or "db"), kind ("service", "gateway", "database",
 * "cache"), replica count, resources, whether it writes an access log line per request, the
 * database system for db services (e.g. "mongodb"), and its operations.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(
    String name,
    String protocol,
    String kind,
    String dbSystem,
    Integer replicas,
    Boolean accessLog,
    ResourceSpec resources,
    List<OperationSpec> operations) {}
