package dev.runtimeslicer.bench;

import dev.runtimeslicer.jobs.DetectJob;
import dev.runtimeslicer.jobs.DetectJobOptions;
import dev.runtimeslicer.jobs.DetectJobSettings;
import dev.runtimeslicer.jobs.DetectSinks;
import dev.runtimeslicer.jobs.JobEnvironment;
import dev.runtimeslicer.jobs.SliceJobOptions;
import dev.runtimeslicer.jobs.TelemetrySources;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.simulator.Simulation;
import dev.runtimeslicer.simulator.fault.FaultSpec;
import dev.runtimeslicer.simulator.otlp.KafkaTelemetrySink;
import dev.runtimeslicer.simulator.otlp.PacedSink;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Processing latency of the detect job from a window's close to its outputs, end to end: a
 * simulated online shop publishes OTLP to Kafka paced at wall-clock speed (event time follows the
 * clock), the detect workflow streams over the topics on a local MiniCluster, and alerts go through
 * the real Kafka sink to the alerts topic, read back by a consumer here. A window closes when the
 * watermark reaches its end ({@link WatermarkProbe}); its latency ends when its assessment leaves
 * the task heads, and for an alert when the alert arrives on the alerts topic. One fault
 * (thread-pool exhaustion at currencyservice, two minutes in, for three minutes) makes alerts fire.
 *
 * <pre>
 * java -cp tools/target/runtimeslicer.jar:bench/target/classes dev.runtimeslicer.bench.DetectLatencyBenchmark BUNDLE
 *   [MINUTES] [BOOTSTRAP]
 * </pre>
 */
public final class DetectLatencyBenchmark {

  private static final Map<Long, Long> ASSESSED_AT_NANOS = new ConcurrentHashMap<>();

  private DetectLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: DetectLatencyBenchmark BUNDLE [MINUTES (6)] [BOOTSTRAP (127.0.0.1:9092)]; BUNDLE:"
              + " a tuned online-shop bundle");
      System.exit(2);
    }
    Path bundle = Path.of(args[0]).toAbsolutePath();
    Duration run = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 6);
    String bootstrap = args.length > 2 ? args[2] : "127.0.0.1:9092";
    String suffix = Long.toString(System.currentTimeMillis());
    String metrics = "latency-metrics-" + suffix;
    String spans = "latency-spans-" + suffix;
    String logs = "latency-logs-" + suffix;
    String alerts = "latency-alerts-" + suffix;
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String topic :
          List.of(
              metrics,
              spans,
              logs,
              alerts,
              "latency-slices-" + suffix,
              "latency-dead-letters-" + suffix)) {
        topics.add(new NewTopic(topic, 1, (short) 1));
      }
      admin.createTopics(topics).all().get();
    }

    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(DetectJobOptions.BUNDLE.key(), bundle.toString());
    settings.put(SliceJobOptions.BOOTSTRAP_SERVERS.key(), bootstrap);
    settings.put(SliceJobOptions.METRICS_TOPIC.key(), metrics);
    settings.put(SliceJobOptions.SPANS_TOPIC.key(), spans);
    settings.put(SliceJobOptions.LOGS_TOPIC.key(), logs);
    settings.put(SliceJobOptions.SLICES_TOPIC.key(), "latency-slices-" + suffix);
    settings.put(SliceJobOptions.DEAD_LETTER_TOPIC.key(), "latency-dead-letters-" + suffix);
    settings.put(DetectJobOptions.ALERTS_TOPIC.key(), alerts);
    settings.put(SliceJobOptions.GROUP_ID.key(), "latency-" + suffix);
    settings.put(SliceJobOptions.STARTING_OFFSETS.key(), "earliest");
    // The pipeline's own latency: exactly-once sinks make alerts visible to read_committed
    // consumers only when the next checkpoint completes, up to checkpoint.interval later
    // (docs/benchmarks.md).
    settings.put(SliceJobOptions.DELIVERY_GUARANTEE.key(), "at-least-once");
    DetectJobSettings config = DetectJobSettings.fromMap(settings);
    long slideMs = config.slicing().sliceSettings().slideMs();
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(config.slicing(), false));
    env.setParallelism(1);
    DataStream<TelemetryRecord> telemetry =
        TelemetrySources.kafka(env, config.slicing(), false)
            .transform(
                "watermark probe",
                TypeInformation.of(TelemetryRecord.class),
                new WatermarkProbe(slideMs));
    DetectJob.DetectStreams streams = DetectJob.defineWorkflow(telemetry, config);
    DetectSinks.toKafkaAndAlertmanager(streams, config);
    streams
        .assessments()
        .map(
            assessment -> {
              ASSESSED_AT_NANOS.putIfAbsent(assessment.windowEndMs, System.nanoTime());
              return assessment.windowEndMs;
            })
        .returns(Long.class)
        .name("assessment probe")
        .sinkTo(new DiscardingSink<>());
    JobClient job = env.executeAsync("detect latency benchmark");

    AtomicBoolean reading = new AtomicBoolean(true);
    List<long[]> alertArrivals = Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(() -> readAlerts(bootstrap, alerts, reading, alertArrivals), "alerts reader");
    reader.start();

    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    System.out.printf(
        Locale.ROOT,
        "publishing %d min of online-shop at wall-clock pace from %s to %s ...%n",
        run.toMinutes(),
        start,
        bootstrap);
    List<FaultSpec> fault =
        List.of(
            new FaultSpec("thread_pool_exhaustion", "currencyservice", "0", null, "2m", "3m", 0.8));
    try (PacedSink sink =
        new PacedSink(new KafkaTelemetrySink(bootstrap, spans, metrics, logs, label -> {}), 1.0)) {
      Simulation.builder()
          .system("online-shop")
          .duration(run)
          .seed(5)
          .faults(fault)
          .start(start)
          .build()
          .run(sink);
    }
    Thread.sleep(5_000); // the last closed windows' outputs on their way
    reading.set(false);
    reader.join();
    job.cancel().get();

    List<Double> windowMs = new ArrayList<>();
    ASSESSED_AT_NANOS.forEach(
        (end, assessed) -> {
          Long closed = WatermarkProbe.CLOSED_AT_NANOS.get(end);
          if (closed != null) {
            windowMs.add((assessed - closed) / 1e6);
          }
        });
    List<Double> alertMs = new ArrayList<>();
    List<Double> alertSinceEndMs = new ArrayList<>();
    synchronized (alertArrivals) {
      for (long[] arrival : alertArrivals) {
        Long closed = WatermarkProbe.CLOSED_AT_NANOS.get(arrival[0]);
        if (closed != null) {
          alertMs.add((arrival[1] - closed) / 1e6);
        }
        alertSinceEndMs.add((double) (arrival[2] - arrival[0]));
      }
    }
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf(Locale.ROOT, "load average (1 min) at the end: %.2f%n", load);
    System.out.println("window close -> assessment out of the task heads: " + summary(windowMs));
    System.out.println(
        "window close -> alert notification read from the alerts topic: " + summary(alertMs));
    System.out.println(
        "window end (event time = wall clock) -> alert read, incl. watermark delay: "
            + summary(alertSinceEndMs));
    System.exit(0);
  }

  /** Notes every alert notification's window end, arrival (nanoTime) and arrival (epoch ms). */
  private static void readAlerts(
      String bootstrap, String topic, AtomicBoolean reading, List<long[]> arrivals) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-reader-" + topic);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(topic));
      while (reading.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          long nanos = System.nanoTime();
          long wall = System.currentTimeMillis();
          Alert alert = AlertJson.read(new String(record.value(), StandardCharsets.UTF_8));
          arrivals.add(new long[] {alert.windowEndMs, nanos, wall});
          System.out.printf(
              Locale.ROOT,
              "  alert %s %s seq %d on window ending %s%n",
              alert.id,
              alert.status,
              alert.sequence,
              Instant.ofEpochMilli(alert.windowEndMs));
        }
      }
    }
  }

  private static String summary(List<Double> values) {
    if (values.isEmpty()) {
      return "no samples";
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(
        Locale.ROOT,
        "n=%d  median %.0f ms  p90 %.0f ms  max %.0f ms",
        sorted.size(),
        percentile(sorted, 0.5),
        percentile(sorted, 0.9),
        sorted.get(sorted.size() - 1));
  }

  private static double percentile(List<Double> sorted, double share) {
    int index = (int) Math.ceil(share * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
