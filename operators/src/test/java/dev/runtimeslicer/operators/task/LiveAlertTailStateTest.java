package dev.runtimeslicer.operators.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.task.DetectionPolicy;
import dev.runtimeslicer.model.task.LiveAlertTail;
import dev.runtimeslicer.model.task.LiveAlertTailSettings;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The live alert tail as the task heads keep it in keyed state: a Flink POJO, through Flink's own
 * serializer.
 */
class LiveAlertTailStateTest {

  private static final DetectionPolicy POLICY = new DetectionPolicy(0.999, 0.99, 3, 3, 60_000, 1);
  private static final LiveAlertTailSettings SETTINGS =
      new LiveAlertTailSettings(3_600_000, 600_000);

  private static void feed(LiveAlertTail tail, int from, int to) {
    for (int i = from; i < to; i++) {
      // A calm system with an excursion every few minutes and one incident that fires.
      double score = i >= 40 && i < 50 ? 0.999999 : 1 - Math.pow(10, -(1 + (i * 7 % 11) / 5.0));
      tail.observe(i * 60_000L, i * 60_000L + 60_000, false, score, 0.9999, POLICY, SETTINGS);
    }
  }

  @Test
  void itIsAPojoThatSurvivesFlinksSerializer() throws Exception {
    TypeInformation<LiveAlertTail> type = TypeInformation.of(LiveAlertTail.class);
    // A POJO, not a generic (Kryo) type: its schema can evolve across savepoints.
    assertThat(type).isInstanceOf(PojoTypeInfo.class);
    LiveAlertTail tail = new LiveAlertTail();
    feed(tail, 0, 90);
    TypeSerializer<LiveAlertTail> serializer = type.createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(1024);
    serializer.serialize(tail, out);
    LiveAlertTail back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(back.warm(SETTINGS)).isTrue();
    assertThat(back.fireNines).isEqualTo(tail.fireNines);
    assertThat(back.days()).isEqualTo(tail.days());
    // The restored tail goes on learning exactly as the original does.
    feed(tail, 90, 150);
    feed(back, 90, 150);
    assertThat(back.fireNines).isEqualTo(tail.fireNines);
    assertThat(back.joinedFireNines(3, 0.2, SETTINGS))
        .isEqualTo(tail.joinedFireNines(3, 0.2, SETTINGS));
  }
}
