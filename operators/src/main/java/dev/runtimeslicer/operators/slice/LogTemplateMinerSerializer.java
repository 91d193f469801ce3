package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.slice.LogTemplateMiner;
import dev.runtimeslicer.model.slice.PaneStateCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of {@link LogTemplateMiner} state. */
public final class LogTemplateMinerSerializer extends CodecTypeSerializer<LogTemplateMiner> {

  private static final long serialVersionUID = 1L;
  public static final LogTemplateMinerSerializer INSTANCE = new LogTemplateMinerSerializer();
  private static final int DEFAULT_MAX_TEMPLATES = 256;

  @Override
  public LogTemplateMiner createInstance() {
    return new LogTemplateMiner(DEFAULT_MAX_TEMPLATES);
  }

  @Override
  public void serialize(LogTemplateMiner miner, DataOutputView target) throws IOException {
    PaneStateCodec.writeMiner(miner, target);
  }

  @Override
  public LogTemplateMiner deserialize(DataInputView source) throws IOException {
    return PaneStateCodec.readMiner(source);
  }

  @Override
  public TypeSerializerSnapshot<LogTemplateMiner> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for checkpoints; the codec's own version guards format changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<LogTemplateMiner> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
