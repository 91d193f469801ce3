package dev.runtimeslicer.model.slice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlowestTracesTest {

  private static String hex(long low) {
    return String.format("%016x%016x", 0L, low);
  }

  @Test
  void keepsTheSlowestRequestsUpToTheBoundSlowestFirst() {
    SlowestTraces slowest = new SlowestTraces();
    double[] durations = {5, 80, 12, 300, 7, 45};
    for (int i = 0; i < durations.length; i++) {
      slowest.offer(durations[i], 0, i, 3);
    }
    assertThat(slowest.traceIdsSlowestFirst()).containsExactly(hex(3), hex(1), hex(5));
  }

  @Test
  void aTraceIsKeptOnceAtItsSlowestRequestAndTiesKeepTheFirstOffered() {
    SlowestTraces slowest = new SlowestTraces();
    slowest.offer(50, 0, 1, 2);
    slowest.offer(90, 0, 1, 2); // a retry of the same trace, slower
    slowest.offer(40, 0, 2, 2);
    slowest.offer(40, 0, 3, 2); // as slow as trace 2, offered later
    assertThat(slowest.traceIdsSlowestFirst()).containsExactly(hex(1), hex(2));
    assertThat(slowest.requests().get(0).durationMs()).isEqualTo(90);
  }

  @Test
  void mergingPanesKeepsTheSlowestOfBoth() {
    SlowestTraces first = new SlowestTraces();
    first.offer(10, 0, 1, 2);
    first.offer(70, 0, 2, 2);
    SlowestTraces second = new SlowestTraces();
    second.offer(30, 0, 3, 2);
    second.offer(75, 0, 2, 2);
    first.merge(second, 2);
    assertThat(first.traceIdsSlowestFirst()).containsExactly(hex(2), hex(3));
  }
}
