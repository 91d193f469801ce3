package dev.runtimeslicer.operators.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.embedding.EmbeddedSlice;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.training.tuning.TunedBundleFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SliceEmbeddingOperatorTest {

  @TempDir static Path temp;
  private static Path bundle;
  private static List<RuntimeSlice> slices;
  private OneInputStreamOperatorTestHarness<RuntimeSlice, EmbeddedSlice> harness;

  @BeforeAll
  static void bundle() {
    bundle = TunedBundleFixture.untunedBundle(temp.resolve("bundle"));
    slices = TunedBundleFixture.slices();
  }

  @BeforeEach
  void open() throws Exception {
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new SliceEmbeddingOperator(bundle, new MicroBatching(3, Duration.ofMillis(200))));
    harness.setProcessingTime(1_000);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(int index) throws Exception {
    harness.processElement(
        new StreamRecord<>(slices.get(index), slices.get(index).windowEndMs - 1));
  }

  private List<Object> output() {
    return new ArrayList<>(harness.getOutput());
  }

  @Test
  void aFullBatchIsEmbeddedAtOnceKeepingOrderAndTimestamps() throws Exception {
    send(0);
    send(1);
    assertThat(output()).isEmpty();
    send(2);
    List<Object> out = output();
    assertThat(out).hasSize(3);
    for (int i = 0; i < 3; i++) {
      @SuppressWarnings("unchecked")
      StreamRecord<EmbeddedSlice> record = (StreamRecord<EmbeddedSlice>) out.get(i);
      assertThat(record.getTimestamp()).isEqualTo(slices.get(i).windowEndMs - 1);
      assertThat(record.getValue().slice.windowStartMs).isEqualTo(slices.get(i).windowStartMs);
      assertThat(record.getValue().embedding)
          .hasSize(ModelBundle.load(bundle).dimensions().embedding());
      assertThat(record.getValue().services).hasSize(slices.get(i).services.size());
      assertThat(record.getValue().state).isEqualTo(-1);
    }
  }

  @Test
  void aPartialBatchWaitsAtMostTheDelay() throws Exception {
    send(0);
    harness.setProcessingTime(1_150);
    assertThat(output()).isEmpty();
    harness.setProcessingTime(1_200);
    assertThat(output()).hasSize(1);
  }

  @Test
  void aWatermarkNeverOvertakesBufferedSlices() throws Exception {
    send(0);
    send(1);
    harness.processWatermark(new Watermark(slices.get(1).windowEndMs));
    List<Object> out = output();
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isInstanceOf(StreamRecord.class);
    assertThat(out.get(1)).isInstanceOf(StreamRecord.class);
    assertThat(out.get(2)).isInstanceOf(Watermark.class);
  }

  @Test
  void aCheckpointBarrierFindsNothingBuffered() throws Exception {
    send(0);
    harness.prepareSnapshotPreBarrier(1);
    assertThat(output()).hasSize(1);
    // Nothing is pending, so the later timer of the flushed batch does nothing.
    harness.setProcessingTime(5_000);
    assertThat(output()).hasSize(1);
  }

  @Test
  void theEndOfInputFlushes() throws Exception {
    send(0);
    send(1);
    harness.endInput();
    assertThat(output()).hasSize(2);
  }
}
