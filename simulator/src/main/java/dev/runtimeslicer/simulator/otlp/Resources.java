package dev.runtimeslicer.simulator.otlp;

import com.google.protobuf.ByteString;
import dev.runtimeslicer.simulator.system.Instance;
import dev.runtimeslicer.simulator.system.Topology;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * The OTLP resource of every instance, built once: service, pod, node and environment attributes.
 */
public final class Resources {

  /** The instrumentation scope all simulated telemetry is reported under. */
  public static final InstrumentationScope SCOPE =
      InstrumentationScope.newBuilder()
          .setName("dev.runtimeslicer.simulator")
          .setVersion("0.1.0")
          .build();

  private final Resource[] byInstance;

  /** Resources for all instances of a topology. */
  public Resources(Topology topology) {
    byInstance = new Resource[topology.instances().length];
    for (Instance instance : topology.instances()) {
      String service = topology.services()[instance.service()].name();
      byInstance[instance.index()] =
          Resource.newBuilder()
              .addAttributes(string("service.name", service))
              .addAttributes(string("service.instance.id", instance.name()))
              .addAttributes(string("k8s.pod.name", instance.name()))
              .addAttributes(string("k8s.node.name", instance.node()))
              .addAttributes(string("host.name", instance.node()))
              .addAttributes(string("k8s.namespace.name", topology.name()))
              .addAttributes(string("deployment.environment", topology.name()))
              .build();
    }
  }

  /** The resource of an instance. */
  public Resource of(int instance) {
    return byInstance[instance];
  }

  /**
   * A string attribute. Key and value are held as UTF-8 bytes: these attributes are shared by many
   * spans and serialized with each, and protobuf re-encodes a field held as a Java string every
   * time.
   */
  public static KeyValue string(String key, String value) {
    return KeyValue.newBuilder()
        .setKeyBytes(ByteString.copyFromUtf8(key))
        .setValue(AnyValue.newBuilder().setStringValueBytes(ByteString.copyFromUtf8(value)))
        .build();
  }

  /** An integer attribute. */
  public static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder()
        .setKeyBytes(ByteString.copyFromUtf8(key))
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }
}
