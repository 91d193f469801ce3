package dev.runtimeslicer.operators.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.OperationFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.task.RecentTraffic;
import dev.runtimeslicer.model.task.TrafficContrast;
import dev.runtimeslicer.model.task.TrafficContrastSettings;
import dev.runtimeslicer.model.task.TrafficNormal;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The recent traffic as the task heads keep it in keyed state: a Flink POJO, through Flink's own
 * serializer.
 */
class RecentTrafficStateTest {

  private static RuntimeSlice window(long endMs, double dbMs) {
    ServiceSlice cart = new ServiceSlice();
    cart.service = "cart";
    cart.traces.requests = 50;
    OperationFeatures op = new OperationFeatures();
    op.count = 50;
    op.meanMs = 4 + dbMs;
    cart.traces.operations.put("GetCart", op);
    CallFeatures call = new CallFeatures();
    call.calls = 50;
    call.meanMs = dbMs;
    cart.traces.callees.put("cart-db", call);
    cart.logs.templates.put("served <*> items", 50L);
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "shop";
    slice.windowStartMs = endMs - 60_000;
    slice.windowEndMs = endMs;
    slice.services.add(cart);
    return slice;
  }

  @Test
  void itIsAPojoThatSurvivesFlinksSerializer() throws Exception {
    TypeInformation<RecentTraffic> type = TypeInformation.of(RecentTraffic.class);
    // A POJO, not a generic (Kryo) type: its schema can evolve across savepoints.
    assertThat(type).isInstanceOf(PojoTypeInfo.class);
    RecentTraffic traffic = new RecentTraffic();
    for (int i = 1; i <= 80; i++) {
      traffic.learn(window(i * 10_000L, 2 + (i % 3)), TrafficContrastSettings.DEFAULTS);
    }
    TypeSerializer<RecentTraffic> serializer = type.createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(1024);
    serializer.serialize(traffic, out);
    RecentTraffic back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(back.windows).isEqualTo(80);
    assertThat(back.lastWindowEndMs).isEqualTo(800_000L);
    assertThat(back.warm(TrafficContrastSettings.DEFAULTS)).isTrue();
    TrafficNormal call = back.services.get("cart").calls.get("cart-db");
    assertThat(call.meanMs).isEqualTo(traffic.services.get("cart").calls.get("cart-db").meanMs);
    assertThat(back.services.get("cart").templates).containsKey("served <*> items");
    // The restored traffic contrasts a slow database exactly as the original does.
    RuntimeSlice slow = window(810_000L, 12);
    assertThat(TrafficContrast.of(slow, back, TrafficContrastSettings.DEFAULTS).changes())
        .isEqualTo(TrafficContrast.of(slow, traffic, TrafficContrastSettings.DEFAULTS).changes());
  }
}
