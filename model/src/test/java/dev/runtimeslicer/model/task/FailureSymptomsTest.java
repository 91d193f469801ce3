package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureSymptomsTest {

  private static final long MINUTE_MS = 60_000;

  @Test
  void symptomsAreClippedRobustZOfGenericFeaturesAndOfMetricGroups() {
    ServiceSlice cart = new ServiceSlice();
    cart.service = "cart";
    cart.traces.spans = 60;
    cart.traces.requests = 60;
    cart.traces.errors = 0;
    cart.traces.latencyP99Ms = 40;
    cart.logs.total = 120;
    cart.logs.severities.put("ERROR", 60L);
    cart.metrics.put("container.cpu.utilization", metric(0.9));
    cart.metrics.put("process.cpu.time:rate", metric(0.2));
    cart.metrics.put("jvm.memory.used", metric(100));
    Map<String, RobustScale> normals =
        Map.of(
            "traces:requests/s", new RobustScale(1.0, 0.1),
            "traces:latency p99 (ms)", new RobustScale(10, 10),
            "logs:error logs/s", new RobustScale(0, 0.1),
            "metrics:container.cpu.utilization", new RobustScale(0.3, 0.2),
            "metrics:process.cpu.time:rate", new RobustScale(0.2, 0.1),
            "metrics:jvm.memory.used", new RobustScale(100, 10));

    float[] s = FailureSymptoms.of(cart, MINUTE_MS, normals);

    assertThat(s).hasSize(FailureSymptoms.WIDTH);
    assertThat(s[FailureSymptoms.GENERIC.indexOf("traces:requests/s")])
        .isCloseTo(0f, within(1e-6f));
    assertThat(s[FailureSymptoms.GENERIC.indexOf("traces:latency p99 (ms)")])
        .isCloseTo(3f / 6, within(1e-6f));
    // 1 error log per second against a normal of 0 +- 0.1: z 10, clipped.
    assertThat(s[FailureSymptoms.GENERIC.indexOf("logs:error logs/s")]).isEqualTo(1f);
    // No normal for the error ratio: it counts as normal.
    assertThat(s[FailureSymptoms.GENERIC.indexOf("traces:error ratio")]).isZero();
    int cpu = FailureSymptoms.GENERIC.size();
    // The group keeps its most deviating series: utilization z 3, not CPU time z 0.
    assertThat(s[cpu]).isCloseTo(3f / 6, within(1e-6f));
    assertThat(s[cpu + 1]).isCloseTo(0f, within(1e-6f));
    assertThat(s[FailureSymptoms.WIDTH - 1]).isZero();
    // The per-window path against laid-out normals gives the same symptoms.
    SymptomNormals laidOut =
        new SymptomNormals(new FeatureNormals(Map.of("shop", Map.of("cart", normals))));
    assertThat(FailureSymptoms.of(cart, MINUTE_MS, laidOut.service("shop", "cart"), 0f))
        .containsExactly(s);
    assertThat(FailureSymptoms.of(cart, MINUTE_MS, laidOut.service("shop", "unknown"), 0f))
        .containsExactly(FailureSymptoms.of(cart, MINUTE_MS, Map.of()));
  }

  @Test
  void seriesFallInTheGroupsTheirNamesSay() {
    int disk = group("disk");
    int threads = group("thread");
    assertThat(FailureSymptoms.metricGroups("container.disk.operation.duration"))
        .isEqualTo(1 << disk);
    assertThat(FailureSymptoms.metricGroups("system.filesystem.usage")).isEqualTo(1 << disk);
    assertThat(FailureSymptoms.metricGroups("process.runtime.jvm.threads.count"))
        .isEqualTo(1 << threads);
    assertThat(FailureSymptoms.metricGroups("jvm.thread.count")).isEqualTo(1 << threads);
    // A series naming two groups counts in both; one naming none in neither.
    int cpu = group("cpu");
    int database = group("db.");
    assertThat(FailureSymptoms.metricGroups("db.client.cpu.time"))
        .isEqualTo((1 << cpu) | (1 << database));
    assertThat(FailureSymptoms.metricGroups("http.server.request.duration")).isZero();
  }

  @Test
  void prometheusExportersNamesFallInTheSameGroupsAsTheSemanticConventions() {
    // As the Collector's Prometheus receiver passes on cAdvisor, kube-state-metrics, Micrometer
    // and database exporters' series (and as simulate names them for prometheus systems).
    Map<String, String> groupOf =
        Map.ofEntries(
            Map.entry("container_cpu_usage_seconds_total", "cpu"),
            Map.entry("container_memory_working_set_bytes", "memory"),
            Map.entry("jvm_gc_pause_seconds", "memory"),
            Map.entry("kube_pod_container_status_restarts_total", "restart"),
            Map.entry("container_network_receive_bytes_total", "network"),
            Map.entry("container_fs_reads_bytes_total", "disk"),
            Map.entry("container_fs_io_time_seconds_per_op", "disk"),
            Map.entry("node_disk_io_time_seconds_total", "disk"),
            Map.entry("jvm_threads_live_threads", "thread"),
            Map.entry("mongodb_op_latencies_latency_total", "db."),
            Map.entry("pg_stat_database_blks_read", "db."),
            Map.entry("db_server_operations_seconds", "db."),
            Map.entry("redis_commands_processed_total", "db."));
    groupOf.forEach(
        (name, group) ->
            assertThat(FailureSymptoms.metricGroups(name)).as(name).isEqualTo(1 << group(group)));
    assertThat(FailureSymptoms.metricGroups("http_server_requests_seconds")).isZero();
    assertThat(FailureSymptoms.metricGroups("grpc_server_handling_seconds")).isZero();
  }

  /** The group whose first name fragment is {@code first}. */
  private static int group(String first) {
    for (int g = 0; g < FailureSymptoms.METRIC_GROUPS.size(); g++) {
      if (FailureSymptoms.METRIC_GROUPS.get(g).get(0).equals(first)) {
        return g;
      }
    }
    throw new AssertionError("no group starts with " + first);
  }

  @Test
  void anAbsentServiceHasOnlyTheAbsentSymptom() {
    float[] s =
        FailureSymptoms.of(null, MINUTE_MS, Map.of("traces:requests/s", new RobustScale(1, 0.1)));

    assertThat(s[FailureSymptoms.WIDTH - 1]).isEqualTo(1f);
    for (int i = 0; i < FailureSymptoms.WIDTH - 1; i++) {
      assertThat(s[i]).isZero();
    }
  }

  @Test
  void withoutTracesRatesReadZeroButLatenciesReadNormal() {
    ServiceSlice quiet = new ServiceSlice();
    quiet.service = "quiet";
    Map<String, RobustScale> normals =
        Map.of(
            "traces:requests/s", new RobustScale(1.0, 0.5),
            "traces:latency p50 (ms)", new RobustScale(20, 2),
            "traces:latency p99 (ms)", new RobustScale(80, 5));

    float[] s = FailureSymptoms.of(quiet, MINUTE_MS, normals);

    // No request in the window is two spreads below normal; no latency measured is not 0 ms.
    assertThat(s[FailureSymptoms.GENERIC.indexOf("traces:requests/s")])
        .isCloseTo(-2f / 6, within(1e-6f));
    assertThat(s[FailureSymptoms.GENERIC.indexOf("traces:latency p50 (ms)")]).isZero();
    assertThat(s[FailureSymptoms.GENERIC.indexOf("traces:latency p99 (ms)")]).isZero();
  }

  @Test
  void severityIsTheRootMeanSquareOfTheGenericSymptoms() {
    float[] normal = new float[FailureSymptoms.WIDTH];
    assertThat(FailureSymptoms.severity(normal)).isZero();

    float[] generic = new float[FailureSymptoms.WIDTH];
    generic[0] = 1;
    generic[1] = -1;
    assertThat(FailureSymptoms.severity(generic))
        .isCloseTo((float) Math.sqrt(2.0 / FailureSymptoms.GENERIC.size()), within(1e-6f));
    // Metric groups (resource levels drift between days) and absence (the embedding deviations
    // flag an expected service gone missing) do not count.
    float[] other = new float[FailureSymptoms.WIDTH];
    java.util.Arrays.fill(other, FailureSymptoms.GENERIC.size(), FailureSymptoms.WIDTH, 1f);
    assertThat(FailureSymptoms.severity(other)).isZero();
    float[] all = new float[FailureSymptoms.WIDTH];
    java.util.Arrays.fill(all, -1f);
    assertThat(FailureSymptoms.severity(all)).isCloseTo(1f, within(1e-6f));
  }

  @Test
  void theFastSeverityOfASliceIsTheSeverityOfItsSymptoms() {
    ServiceSlice cart = new ServiceSlice();
    cart.service = "cart";
    cart.traces.spans = 30;
    cart.traces.requests = 25;
    cart.traces.errors = 5;
    cart.traces.latencyP50Ms = 12;
    cart.traces.latencyP99Ms = 95;
    ServiceSlice quiet = new ServiceSlice();
    quiet.service = "quiet";
    quiet.logs.total = 30;
    quiet.logs.severities.put("WARN", 10L);
    Map<String, RobustScale> normals =
        Map.of(
            "traces:requests/s", new RobustScale(0.5, 0.1),
            "traces:error ratio", new RobustScale(0.01, 0.02),
            "traces:latency p99 (ms)", new RobustScale(40, 10),
            "logs:logs/s", new RobustScale(1, 0.2),
            "logs:warn logs/s", new RobustScale(0, 0.05));
    FeatureNormals all =
        new FeatureNormals(Map.of("shop", Map.of("cart", normals, "quiet", normals)));
    dev.runtimeslicer.model.slice.RuntimeSlice slice =
        new dev.runtimeslicer.model.slice.RuntimeSlice();
    slice.system = "shop";
    slice.windowStartMs = 0;
    slice.windowEndMs = MINUTE_MS;
    slice.services = List.of(cart, quiet);

    Map<String, Float> severities =
        FailureSymptoms.ofWindow(slice, new SymptomNormals(all)).symptoms().severities();

    for (ServiceSlice service : slice.services) {
      float expected = FailureSymptoms.severity(FailureSymptoms.of(service, MINUTE_MS, normals));
      assertThat(expected).isPositive();
      assertThat(severities.get(service.service)).as(service.service).isEqualTo(expected);
    }
  }

  @Test
  void callersWaitingLongerThanNormalRaiseTheCalleesLatencyThoughItsOwnSpansAreNormal() {
    ServiceSlice front = new ServiceSlice();
    front.service = "front";
    front.traces.spans = 60;
    front.traces.requests = 60;
    dev.runtimeslicer.model.slice.CallFeatures slow =
        new dev.runtimeslicer.model.slice.CallFeatures();
    slow.calls = 60;
    slow.meanMs = 220;
    front.traces.callees.put("cart", slow);
    dev.runtimeslicer.model.slice.CallFeatures usual =
        new dev.runtimeslicer.model.slice.CallFeatures();
    usual.calls = 60;
    usual.meanMs = 2;
    front.traces.callees.put("ads", usual);
    dev.runtimeslicer.model.slice.CallFeatures few =
        new dev.runtimeslicer.model.slice.CallFeatures();
    few.calls = PlainFeatures.MIN_TIMED_CALLS - 1;
    few.meanMs = 900;
    front.traces.callees.put("rare", few); // too few calls for their mean to say anything
    ServiceSlice cart = new ServiceSlice();
    cart.service = "cart";
    cart.traces.spans = 60;
    cart.traces.requests = 60;
    cart.traces.latencyP50Ms = 1.2;
    cart.traces.latencyP99Ms = 3;
    Map<String, RobustScale> frontNormals =
        Map.of(
            "traces:" + PlainFeatures.CALL_MS_TO + "cart", new RobustScale(5.5, 1),
            "traces:" + PlainFeatures.CALL_MS_TO + "ads", new RobustScale(2, 0.5),
            "traces:" + PlainFeatures.CALL_MS_TO + "rare", new RobustScale(2, 0.5));
    Map<String, RobustScale> cartNormals =
        Map.of(
            "traces:latency p50 (ms)", new RobustScale(1.4, 0.2),
            "traces:latency p99 (ms)", new RobustScale(3, 1));
    SymptomNormals normals =
        new SymptomNormals(
            new FeatureNormals(Map.of("shop", Map.of("front", frontNormals, "cart", cartNormals))));
    dev.runtimeslicer.model.slice.RuntimeSlice slice =
        new dev.runtimeslicer.model.slice.RuntimeSlice();
    slice.system = "shop";
    slice.windowStartMs = 0;
    slice.windowEndMs = MINUTE_MS;
    slice.services = List.of(cart, front);

    Map<String, Float> views = FailureSymptoms.callerViews(slice, normals);

    assertThat(views).containsOnlyKeys("cart");
    assertThat(views.get("cart")).isEqualTo(1f);
    float[] own = FailureSymptoms.of(cart, MINUTE_MS, cartNormals);
    float[] seen =
        FailureSymptoms.of(cart, MINUTE_MS, normals.service("shop", "cart"), views.get("cart"));
    int p50 = FailureSymptoms.GENERIC.indexOf("traces:latency p50 (ms)");
    assertThat(own[p50]).isLessThan(0f);
    assertThat(seen[p50]).isEqualTo(1f);
    assertThat(seen[FailureSymptoms.GENERIC.indexOf("traces:latency p99 (ms)")]).isEqualTo(1f);
    assertThat(FailureSymptoms.of(cart, MINUTE_MS, cartNormals, views.get("cart")))
        .containsExactly(seen);
    assertThat(FailureSymptoms.ofWindow(slice, normals).symptoms().severities().get("cart"))
        .isEqualTo(FailureSymptoms.severity(seen));
    // The window's one pass sees the callers after the callee and still raises it.
    assertThat(FailureSymptoms.ofWindow(slice, normals).callerViews()).isEqualTo(views);
  }

  private static MetricFeatures metric(double value) {
    MetricFeatures m = new MetricFeatures();
    m.last = m.mean = m.min = m.max = value;
    m.count = 6;
    return m;
  }
}
