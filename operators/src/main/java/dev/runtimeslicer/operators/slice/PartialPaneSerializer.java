package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.slice.PaneStateCodec;
import dev.runtimeslicer.model.slice.PartialPane;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of the {@link PartialPane}s the pre-aggregator sends to the slicer. */
public final class PartialPaneSerializer extends CodecTypeSerializer<PartialPane> {

  private static final long serialVersionUID = 1L;
  public static final PartialPaneSerializer INSTANCE = new PartialPaneSerializer();

  @Override
  public PartialPane createInstance() {
    return new PartialPane("", 0);
  }

  @Override
  public void serialize(PartialPane part, DataOutputView target) throws IOException {
    PaneStateCodec.writePartial(part, target);
  }

  @Override
  public PartialPane deserialize(DataInputView source) throws IOException {
    return PaneStateCodec.readPartial(source);
  }

  @Override
  public TypeSerializerSnapshot<PartialPane> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * Snapshot for unaligned checkpoints, which store parts in flight; the codec's own version guards
   * format changes.
   */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<PartialPane> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
