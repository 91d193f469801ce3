package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.slice.PartialPane;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type of {@link PartialPane}, serialized by {@link PartialPaneSerializer} (never Kryo). */
public final class PartialPaneTypeInfo extends TypeInformation<PartialPane> {

  private static final long serialVersionUID = 1L;
  public static final PartialPaneTypeInfo INSTANCE = new PartialPaneTypeInfo();

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<PartialPane> getTypeClass() {
    return PartialPane.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<PartialPane> createSerializer(SerializerConfig config) {
    return PartialPaneSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "PartialPane";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PartialPaneTypeInfo;
  }

  @Override
  public int hashCode() {
    return PartialPaneTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof PartialPaneTypeInfo;
  }
}
