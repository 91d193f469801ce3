package dev.runtimeslicer.operators.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeadLetterRouterTest {

  @Test
  void sendsDeadLettersAsideAndTelemetryOn() throws Exception {
    try (var harness =
        new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new DeadLetterRouter()))) {
      harness.open();
      TelemetryRecord good = TelemetryRecord.of(Signal.METRIC, "shop", "cart", "", 1_000);
      good.metric = new MetricPoint("cpu", 1);
      DeadLetter letter =
          new DeadLetter(
              new SourcePosition("otlp_metrics", 0, 7),
              "malformed",
              "bad",
              "otlp_proto",
              new byte[] {1});

      harness.processElement(good, 1_000);
      harness.processElement(TelemetryRecord.rejected(letter), 1_000);

      // the harness copies records through their serializers, so compare by content
      assertThat(harness.extractOutputValues())
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactly(good);
      assertThat(harness.getSideOutput(DeadLetterRouter.DEAD_LETTERS))
          .extracting(StreamRecord::getValue)
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactly(letter);
    }
  }
}
