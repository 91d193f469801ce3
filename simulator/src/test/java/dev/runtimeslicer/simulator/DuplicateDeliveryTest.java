package dev.runtimeslicer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateDeliveryTest {

  private static CollectingSink simulate(double duplicateShare) {
    CollectingSink sink = new CollectingSink();
    Simulation.builder()
        .system("online-shop")
        .duration(Duration.ofMinutes(3))
        .faults(1)
        .seed(5)
        .duplicateDeliveries(duplicateShare)
        .build()
        .run(sink);
    return sink;
  }

  /** The requests with each immediate repeat of the one before removed. */
  private static List<Message> withoutRetries(List<? extends Message> requests) {
    List<Message> kept = new ArrayList<>();
    for (Message request : requests) {
      if (kept.isEmpty() || !kept.get(kept.size() - 1).equals(request)) {
        kept.add(request);
      }
    }
    return kept;
  }

  @Test
  void aShareOfRequestsComesTwiceRightAfterTheOriginalAndNothingElseChanges() {
    CollectingSink once = simulate(0);
    CollectingSink atLeastOnce = simulate(0.1);

    int extra =
        atLeastOnce.traces.size()
            + atLeastOnce.metrics.size()
            + atLeastOnce.logs.size()
            - once.traces.size()
            - once.metrics.size()
            - once.logs.size();
    int total = once.traces.size() + once.metrics.size() + once.logs.size();
    // one in ten, give or take the draw
    assertThat(extra).isBetween(total / 20, total / 5);
    assertThat(withoutRetries(atLeastOnce.traces)).isEqualTo(withoutRetries(once.traces));
    assertThat(withoutRetries(atLeastOnce.metrics)).isEqualTo(withoutRetries(once.metrics));
    assertThat(withoutRetries(atLeastOnce.logs)).isEqualTo(withoutRetries(once.logs));
    assertThat(atLeastOnce.labels).isEqualTo(once.labels);
  }

  @Test
  void byDefaultFewRequestsComeTwice() {
    CollectingSink byDefault = new CollectingSink();
    Simulation.builder()
        .system("online-shop")
        .duration(Duration.ofMinutes(3))
        .faults(1)
        .seed(5)
        .build()
        .run(byDefault);
    CollectingSink once = simulate(0);

    int total = once.traces.size() + once.metrics.size() + once.logs.size();
    int delivered = byDefault.traces.size() + byDefault.metrics.size() + byDefault.logs.size();
    assertThat(delivered - total).isBetween(0, Math.max(3, total / 100));
  }
}
