package dev.runtimeslicer.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension running one {@link KafkaKRaftBroker} per test class; register it on a static
 * field.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

  private KafkaKRaftBroker broker;
  // @Nested classes inherit the outer class's extensions and call beforeAll again; they share the
  // broker.
  private int activeClasses;

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (activeClasses == 0) {
      broker = KafkaKRaftBroker.start();
    }
    activeClasses++;
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    // JUnit calls afterAll even when beforeAll failed; then there is nothing to stop.
    if (activeClasses == 0) {
      return;
    }
    if (--activeClasses == 0) {
      try {
        broker.close();
      } finally {
        broker = null;
      }
    }
  }

  /** The running broker; only valid between beforeAll and afterAll of the registering class. */
  public synchronized KafkaKRaftBroker broker() {
    if (broker == null) {
      throw new IllegalStateException(
          "Kafka broker not running: register KafkaBrokerExtension on a static field with"
              + " @RegisterExtension");
    }
    return broker;
  }
}
