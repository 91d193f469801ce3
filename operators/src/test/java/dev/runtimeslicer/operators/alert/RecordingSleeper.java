package dev.runtimeslicer.operators.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that only records how long it was asked to wait. */
final class RecordingSleeper implements Sleeper {

  private static final long serialVersionUID = 1L;
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  synchronized Duration total() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
