package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.slice.PaneStateCodec;
import dev.runtimeslicer.model.slice.SystemPane;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of {@link SystemPane} state. */
public final class SystemPaneSerializer extends CodecTypeSerializer<SystemPane> {

  private static final long serialVersionUID = 1L;
  public static final SystemPaneSerializer INSTANCE = new SystemPaneSerializer();

  @Override
  public SystemPane createInstance() {
    return new SystemPane();
  }

  @Override
  public void serialize(SystemPane pane, DataOutputView target) throws IOException {
    PaneStateCodec.writePane(pane, target);
  }

  @Override
  public SystemPane deserialize(DataInputView source) throws IOException {
    return PaneStateCodec.readPane(source);
  }

  @Override
  public TypeSerializerSnapshot<SystemPane> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for checkpoints; the codec's own version guards format changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SystemPane> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
