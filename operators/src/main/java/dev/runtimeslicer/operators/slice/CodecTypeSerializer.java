package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.slice.PaneStateCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink serializer for slicing state that delegates to {@link PaneStateCodec}, so the state
 * format lives in one versioned place and no state goes through Kryo.
 */
abstract class CodecTypeSerializer<T> extends TypeSerializerSingleton<T> {

  private static final long serialVersionUID = 1L;
  private static final int COPY_BUFFER_BYTES = 4096;

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public int getLength() {
    return -1;
  }

  /** Deep copy through the binary form; only used while a snapshot of heap state is taken. */
  @Override
  public T copy(T from) {
    try {
      DataOutputSerializer out = new DataOutputSerializer(COPY_BUFFER_BYTES);
      serialize(from, out);
      return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy slicing state", e);
    }
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }
}
