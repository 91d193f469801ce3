package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.testkit.KafkaBrokerExtension;
import dev.runtimeslicer.testkit.KafkaKRaftBroker;
import dev.runtimeslicer.testkit.TopicReader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Telemetry from the OpenTelemetry Java SDK itself: two services instrumented through the API
 * (spans with events, links and an exception, counters, up-down counters, a gauge, explicit and
 * exponential histograms, cumulative and delta temporality, logs through the SDK's log bridge),
 * exported by the SDK's own OTLP exporters, whose request bodies are published to the topics as the
 * Collector's Kafka exporter does (otlp_proto). The slice holds what the SDK recorded.
 */
class OtelSdkCompatibilityITCase {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String SYSTEM = "sdk-shop";
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");

  /** The SDKs' clock: the test moves it, so every timestamp is known. */
  private static final class SteppedClock implements Clock {
    private long nanos;

    SteppedClock(long epochMs) {
      nanos = TimeUnit.MILLISECONDS.toNanos(epochMs);
    }

    void setMillis(long epochMs) {
      nanos = TimeUnit.MILLISECONDS.toNanos(epochMs);
    }

    void advanceMillis(long ms) {
      nanos += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Override
    public long now() {
      return nanos;
    }

    @Override
    public long nanoTime() {
      return nanos;
    }
  }

  /**
   * Stands where the Collector's OTLP receiver would: keeps each request body, by signal, in
   * arrival order.
   */
  private static final class OtlpCapture implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, List<byte[]>> bodies = new HashMap<>();

    OtlpCapture() {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (bodies) {
              bodies
                  .computeIfAbsent(exchange.getRequestURI().getPath(), path -> new ArrayList<>())
                  .add(body);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1); // an empty Export*ServiceResponse
            exchange.close();
          });
      server.start();
    }

    String endpoint(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<byte[]> bodies(String path) {
      synchronized (bodies) {
        return List.copyOf(bodies.getOrDefault(path, List.of()));
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** One instrumented service: its SDK (tracing, metrics, logs) with the OTLP/HTTP exporters. */
  private static final class Service implements AutoCloseable {
    final SdkTracerProvider tracing;
    final SdkMeterProvider metrics;
    final SdkLoggerProvider logging;
    final Tracer tracer;
    final Meter meter;
    final Logger logger;

    Service(
        String name, OtlpCapture capture, Clock clock, AggregationTemporalitySelector temporality) {
      Resource resource =
          Resource.getDefault()
              .merge(
                  Resource.create(
                      Attributes.builder()
                          .put("service.name", name)
                          .put("service.instance.id", name + "-1")
                          .put("deployment.environment.name", SYSTEM)
                          .build()));
      tracing =
          SdkTracerProvider.builder()
              .setResource(resource)
              .setClock(clock)
              .addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OtlpHttpSpanExporter.builder()
                              .setEndpoint(capture.endpoint("/v1/traces"))
                              .build())
                      .build())
              .build();
      metrics =
          SdkMeterProvider.builder()
              .setResource(resource)
              .setClock(clock)
              // exported only when flushed, at the times the test sets
              .registerMetricReader(
                  PeriodicMetricReader.builder(
                          OtlpHttpMetricExporter.builder()
                              .setEndpoint(capture.endpoint("/v1/metrics"))
                              .setAggregationTemporalitySelector(temporality)
                              .build())
                      .setInterval(Duration.ofDays(1))
                      .build())
              .registerView(
                  InstrumentSelector.builder().setName("rpc.client.duration").build(),
                  View.builder()
                      .setAggregation(Aggregation.base2ExponentialBucketHistogram())
                      .build())
              .build();
      logging =
          SdkLoggerProvider.builder()
              .setResource(resource)
              .setClock(clock)
              .addLogRecordProcessor(
                  BatchLogRecordProcessor.builder(
                          OtlpHttpLogRecordExporter.builder()
                              .setEndpoint(capture.endpoint("/v1/logs"))
                              .build())
                      .build())
              .build();
      tracer = tracing.get("dev.runtimeslicer.it");
      meter = metrics.get("dev.runtimeslicer.it");
      logger = logging.get("dev.runtimeslicer.it");
    }

    /**
     * Exports what is buffered now, as the SDK's batch processors and readers do on their schedule.
     */
    void flush() {
      tracing.forceFlush().join(10, TimeUnit.SECONDS);
      logging.forceFlush().join(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      tracing.close();
      metrics.close();
      logging.close();
    }
  }

  private String failingTraceId;

  /** Trace ids of the web requests, in the order they were served. */
  private final List<String> requestTraceIds = new ArrayList<>();

  @Test
  void slicesCarryWhatTheSdkRecorded() throws Exception {
    long t0 = (System.currentTimeMillis() - 15 * 60_000) / 60_000 * 60_000;
    SteppedClock clock = new SteppedClock(t0);
    List<byte[]> traces;
    List<byte[]> metrics;
    List<byte[]> logs;
    try (OtlpCapture capture = new OtlpCapture();
        Service frontend =
            new Service(
                "frontend", capture, clock, AggregationTemporalitySelector.alwaysCumulative());
        Service cart =
            new Service("cart", capture, clock, AggregationTemporalitySelector.deltaPreferred())) {
      LongCounter requests = frontend.meter.counterBuilder("http.server.request.count").build();
      LongUpDownCounter active =
          frontend.meter.upDownCounterBuilder("http.server.active_requests").build();
      DoubleHistogram duration =
          frontend.meter.histogramBuilder("http.server.request.duration").setUnit("ms").build();
      DoubleHistogram rpcDuration =
          frontend.meter.histogramBuilder("rpc.client.duration").setUnit("ms").build();
      frontend
          .meter
          .gaugeBuilder("process.cpu.utilization")
          .buildWithCallback(gauge -> gauge.record(0.25));
      LongCounter lookups = cart.meter.counterBuilder("cart.lookups").build();

      Span previous = null;
      long[] starts = {1_000, 21_000, 41_000};
      long[] cartMs = {10, 30, 870};
      for (int i = 0; i < 3; i++) {
        boolean fails = i == 2;
        clock.setMillis(t0 + starts[i]);
        Span server =
            frontend
                .tracer
                .spanBuilder("GET /cart")
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(ROUTE, "/cart")
                .startSpan();
        try (Scope serving = server.makeCurrent()) {
          active.add(1);
          clock.advanceMillis(2);
          Span client =
              frontend.tracer.spanBuilder("cart/Get").setSpanKind(SpanKind.CLIENT).startSpan();
          clock.advanceMillis(1);
          var cartSpan =
              cart.tracer
                  .spanBuilder("Get")
                  .setSpanKind(SpanKind.SERVER)
                  .setParent(Context.current().with(client));
          if (previous != null) {
            cartSpan.addLink(previous.getSpanContext());
          }
          Span handling = cartSpan.startSpan();
          try (Scope cartScope = handling.makeCurrent()) {
            handling.addEvent("cache lookup");
            lookups.add(1);
            clock.advanceMillis(1);
            if (fails) {
              cart.logger
                  .logRecordBuilder()
                  .setSeverity(Severity.ERROR)
                  .setBody("redis timeout after 870ms")
                  .emit();
              handling.recordException(new IllegalStateException("redis timeout"));
              handling.setStatus(StatusCode.ERROR);
            } else {
              cart.logger
                  .logRecordBuilder()
                  .setSeverity(Severity.INFO)
                  .setBody("cart " + (1001 + i) + " fetched with " + (3 + 2 * i) + " items")
                  .emit();
            }
            clock.advanceMillis(cartMs[i] - 1);
          }
          handling.end();
          previous = handling;
          clock.advanceMillis(3);
          rpcDuration.record(cartMs[i] + 3);
          if (fails) {
            client.setStatus(StatusCode.ERROR);
          }
          client.end();
          clock.advanceMillis(5);
          if (fails) {
            failingTraceId = server.getSpanContext().getTraceId();
            server.setStatus(StatusCode.ERROR);
            server.setAttribute("http.response.status_code", 500L);
          }
          requestTraceIds.add(server.getSpanContext().getTraceId());
          server.end();
          requests.add(1, Attributes.of(ROUTE, "/cart"));
          duration.record(cartMs[i] + 11);
          active.add(-1);
        }
        frontend.flush();
        cart.flush();
        clock.advanceMillis(8_000);
        frontend.metrics.forceFlush().join(10, TimeUnit.SECONDS);
        cart.metrics.forceFlush().join(10, TimeUnit.SECONDS);
      }

      // later telemetry of both services moves the system's clock past the window
      clock.setMillis(t0 + 5 * 60_000);
      for (Service service : List.of(frontend, cart)) {
        service.tracer.spanBuilder("tick").setSpanKind(SpanKind.SERVER).startSpan().end();
        service.logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("tick").emit();
        service.flush();
        service.metrics.forceFlush().join(10, TimeUnit.SECONDS);
      }
      traces = capture.bodies("/v1/traces");
      metrics = capture.bodies("/v1/metrics");
      logs = capture.bodies("/v1/logs");
    }
    assertThat(traces).as("trace exports").hasSizeGreaterThanOrEqualTo(4);
    assertThat(metrics).as("metric exports").hasSizeGreaterThanOrEqualTo(4);
    assertThat(logs).as("log exports").hasSizeGreaterThanOrEqualTo(3);

    RuntimeSlice slice = sliceOfFirstMinute(t0, traces, metrics, logs);
    String told = SliceJson.write(slice);
    assertThat(slice.system).isEqualTo(SYSTEM);
    assertThat(slice.services)
        .as(told)
        .extracting(s -> s.service)
        .containsExactly("cart", "frontend");

    ServiceSlice web = slice.service("frontend");
    assertThat(web.instances).containsExactly("frontend-1");
    assertThat(web.traces.spans).as(told).isEqualTo(6);
    assertThat(web.traces.requests).isEqualTo(3);
    assertThat(web.traces.errors).isEqualTo(1);
    // a request takes its cart call plus 11 ms: 21, 41 and 881 ms
    assertThat(web.traces.operations.get("GET /cart").count).isEqualTo(3);
    assertThat(web.traces.operations.get("GET /cart").maxMs).isCloseTo(881, within(1e-6));
    assertThat(web.traces.operations.get("GET /cart").meanMs)
        .isCloseTo((21 + 41 + 881) / 3.0, within(1e-6));
    // cart's server spans name the frontend's client spans as parents: the call edge, found by
    // parent link
    assertThat(web.traces.callees).containsOnlyKeys("cart");
    assertThat(web.traces.callees.get("cart").calls).isEqualTo(3);
    assertThat(web.traces.callees.get("cart").errors).isEqualTo(1);
    // the failing request (also the slowest), then the other two, slowest first
    assertThat(web.traces.exemplarTraceIds)
        .containsExactly(failingTraceId, requestTraceIds.get(1), requestTraceIds.get(0));
    Map<String, MetricFeatures> webMetrics = web.metrics;
    assertThat(webMetrics.get("process.cpu.utilization").last).as(told).isEqualTo(0.25);
    assertThat(webMetrics.get("http.server.active_requests").last).isEqualTo(0.0);
    // Cumulative counter and histograms, exported at t0 + 9 s, 29 s and 49 s: the window sees the
    // increase after the first export (two requests; the first export's total is the baseline).
    assertThat(webMetrics.get("http.server.request.count:rate{http.route=/cart}").mean)
        .isCloseTo(2.0, within(1e-9));
    assertThat(webMetrics.get("http.server.request.duration:count:rate").mean)
        .isCloseTo(2.0, within(1e-9));
    assertThat(webMetrics.get("http.server.request.duration:sum:rate").mean)
        .isCloseTo(41 + 881, within(1e-6));
    // the exponential histogram likewise: rpc durations of 33 and 873 ms after the first export
    assertThat(webMetrics.get("rpc.client.duration:count:rate").mean).isCloseTo(2.0, within(1e-9));
    assertThat(webMetrics.get("rpc.client.duration:sum:rate").mean)
        .isCloseTo(33 + 873, within(1e-6));

    ServiceSlice cartSlice = slice.service("cart");
    assertThat(cartSlice.traces.requests).isEqualTo(3);
    assertThat(cartSlice.traces.errors).isEqualTo(1);
    assertThat(cartSlice.traces.operations.get("Get").maxMs).isCloseTo(870, within(1e-6));
    // a delta counter: every lookup counts, from the first export on
    assertThat(cartSlice.metrics.get("cart.lookups:rate").mean)
        .as(told)
        .isCloseTo(3.0, within(1e-9));
    assertThat(cartSlice.logs.total).isEqualTo(3);
    assertThat(cartSlice.logs.severities)
        .containsExactlyInAnyOrderEntriesOf(Map.of("INFO", 2L, "ERROR", 1L));
    assertThat(cartSlice.logs.templates)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("cart <*> fetched with <*> items", 2L, "redis timeout after <*>", 1L));
  }

  /**
   * Publishes the export bodies as the Collector's Kafka exporter does and runs the slicing job
   * until the window [t0, t0 + 60 s) is out.
   */
  private RuntimeSlice sliceOfFirstMinute(
      long t0, List<byte[]> traces, List<byte[]> metrics, List<byte[]> logs) throws Exception {
    KafkaKRaftBroker broker = KAFKA.broker();
    SliceJobTopics topics = SliceJobTopics.create(broker, "sdk");
    try (KafkaProducer<byte[], byte[]> producer = TopicReader.producer(broker)) {
      for (byte[] body : metrics) {
        producer.send(new ProducerRecord<>(topics.metrics(), body)).get();
      }
      for (byte[] body : traces) {
        producer.send(new ProducerRecord<>(topics.spans(), body)).get();
      }
      for (byte[] body : logs) {
        producer.send(new ProducerRecord<>(topics.logs(), body)).get();
      }
    }
    JobClient job =
        SliceJobTopics.startSlicing(
            topics.settings(broker.bootstrapServers()), "otel sdk compatibility it");
    try {
      List<ConsumerRecord<byte[], byte[]>> slices =
          TopicReader.readUntil(
              broker,
              topics.slices(),
              records ->
                  records.stream().anyMatch(r -> SliceJson.read(value(r)).windowStartMs == t0),
              WAIT);
      assertThat(
              TopicReader.readUntil(
                  broker, topics.deadLetters(), records -> true, Duration.ofSeconds(5)))
          .as("dead letters of SDK telemetry")
          .isEmpty();
      return slices.stream()
          .map(r -> SliceJson.read(value(r)))
          .filter(s -> s.windowStartMs == t0)
          .findFirst()
          .orElseThrow();
    } finally {
      job.cancel().get();
    }
  }

  private static String value(ConsumerRecord<byte[], byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }
}
