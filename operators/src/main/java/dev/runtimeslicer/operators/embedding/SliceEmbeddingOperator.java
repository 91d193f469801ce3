package dev.runtimeslicer.operators.embedding;

import dev.runtimeslicer.model.embedding.EmbeddedSlice;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Embeds runtime slices with the bundle's ONNX encoder in micro-batches. Each subtask opens its own
 * encoder (one ONNX Runtime session, one thread) in open() and frees it in close(); nothing is
 * shared between subtasks. A batch never outlives a watermark, a checkpoint barrier or the end of
 * input, so records keep their order relative to watermarks and no operator state is needed.
 */
public final class SliceEmbeddingOperator extends AbstractStreamOperator<EmbeddedSlice>
    implements OneInputStreamOperator<RuntimeSlice, EmbeddedSlice>,
        BoundedOneInput,
        ProcessingTimeCallback {

  private static final long serialVersionUID = 1L;

  private final BundleLocation bundle;
  private final MicroBatching batching;

  private transient SliceEncoder encoder;
  private transient List<StreamRecord<RuntimeSlice>> pending;
  private transient long timerAt;
  private transient Counter embedded;
  private transient Counter batches;

  public SliceEmbeddingOperator(Path bundleDirectory, MicroBatching batching) {
    this(BundleLocation.of(bundleDirectory), batching);
  }

  public SliceEmbeddingOperator(BundleLocation bundle, MicroBatching batching) {
    this.bundle = bundle;
    this.batching = batching;
  }

  @Override
  public void open() throws Exception {
    super.open();
    encoder = SliceEncoder.open(bundle.localDirectory());
    pending = new ArrayList<>(batching.maxSize());
    timerAt = -1;
    embedded = getMetricGroup().counter("slicesEmbedded");
    batches = getMetricGroup().counter("embeddingBatches");
  }

  @Override
  public void processElement(StreamRecord<RuntimeSlice> element) {
    pending.add(element.copy(element.getValue()));
    if (pending.size() >= batching.maxSize()) {
      flush();
    } else if (timerAt < 0) {
      timerAt =
          getProcessingTimeService().getCurrentProcessingTime() + batching.maxDelay().toMillis();
      getProcessingTimeService().registerTimer(timerAt, this);
    }
  }

  @Override
  public void onProcessingTime(long time) {
    // A batch that filled up was flushed before its timer: only the current batch's timer counts.
    if (timerAt >= 0 && time >= timerAt) {
      timerAt = -1;
      flush();
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void endInput() {
    flush();
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  @Override
  public void close() throws Exception {
    try {
      if (encoder != null) {
        encoder.close();
      }
    } finally {
      super.close();
    }
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<RuntimeSlice> slices = new ArrayList<>(pending.size());
    for (StreamRecord<RuntimeSlice> record : pending) {
      slices.add(record.getValue());
    }
    List<SliceEmbedding> embeddings = encoder.embed(slices);
    for (int i = 0; i < slices.size(); i++) {
      output.collect(pending.get(i).replace(EmbeddedSlice.of(slices.get(i), embeddings.get(i))));
    }
    embedded.inc(slices.size());
    batches.inc();
    pending.clear();
    timerAt = -1;
  }
}
