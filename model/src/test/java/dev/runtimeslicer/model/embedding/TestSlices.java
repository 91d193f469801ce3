package dev.runtimeslicer.model.embedding;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.OperationFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Real slices from test resources and small hand-made ones. */
public final class TestSlices {

  private TestSlices() {}

  /** Slices cut by the job from simulated telemetry: "online-shop" or "social-network". */
  public static List<RuntimeSlice> real(String system) {
    return resource("/slices/" + system + ".jsonl.gz");
  }

  /** Slices of a gzip JSON-lines test resource, e.g. "/incident/online-shop.jsonl.gz". */
  public static List<RuntimeSlice> resource(String resource) {
    try (InputStream in = TestSlices.class.getResourceAsStream(resource);
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      List<RuntimeSlice> slices = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        slices.add(SliceJson.read(line));
      }
      return slices;
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }

  public static RuntimeSlice slice(String system, ServiceSlice... services) {
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = system;
    slice.windowStartMs = 0;
    slice.windowEndMs = 60_000;
    slice.services = new ArrayList<>(List.of(services));
    return slice;
  }

  /**
   * A service with one metric series, one operation with some errors, one callee and INFO/ERROR
   * logs.
   */
  public static ServiceSlice service(String name, long requests, long errors) {
    ServiceSlice service = new ServiceSlice();
    service.service = name;
    service.instances.add(name + "-0");
    MetricFeatures cpu = new MetricFeatures();
    cpu.last = 0.5;
    cpu.mean = 0.4;
    cpu.min = 0.2;
    cpu.max = 0.6;
    cpu.count = 12;
    service.metrics.put("container.cpu.utilization", cpu);
    service.traces.spans = requests * 2;
    service.traces.requests = requests;
    service.traces.errors = errors;
    service.traces.latencyP50Ms = 5;
    service.traces.latencyP90Ms = 20;
    service.traces.latencyP99Ms = 80;
    OperationFeatures op = new OperationFeatures();
    op.count = requests;
    op.errors = errors;
    op.meanMs = 8;
    op.maxMs = 100;
    service.traces.operations.put("GET /cart", op);
    CallFeatures call = new CallFeatures();
    call.calls = requests;
    call.errors = 0;
    service.traces.callees.put("redis", call);
    service.logs.total = 10;
    service.logs.severities.put("INFO", 8L);
    service.logs.severities.put("ERROR", 2L);
    service.logs.templates.put("served <*> in <*> ms", 8L);
    service.logs.templates.put("connection refused to <*>", 2L);
    return service;
  }
}
