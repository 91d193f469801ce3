package dev.runtimeslicer.operators.alert;

import java.io.Serializable;
import java.time.Duration;

/** Waits between delivery attempts; tests pass one that records instead of sleeping. */
@FunctionalInterface
interface Sleeper extends Serializable {

  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
