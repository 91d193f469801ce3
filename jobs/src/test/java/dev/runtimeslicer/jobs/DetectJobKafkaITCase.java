package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import dev.runtimeslicer.model.task.ServiceEdge;
import dev.runtimeslicer.simulator.Simulation;
import dev.runtimeslicer.simulator.fault.FaultSpec;
import dev.runtimeslicer.simulator.otlp.FileTelemetrySink;
import dev.runtimeslicer.simulator.otlp.KafkaTelemetrySink;
import dev.runtimeslicer.testkit.KafkaBrokerExtension;
import dev.runtimeslicer.testkit.KafkaKRaftBroker;
import dev.runtimeslicer.training.BundleTraining;
import dev.runtimeslicer.training.SliceFiles;
import dev.runtimeslicer.training.TrainingSettings;
import dev.runtimeslicer.training.TrainingWindows;
import dev.runtimeslicer.training.scoring.FailureScoring;
import dev.runtimeslicer.training.tuning.StateAwareTuner;
import dev.runtimeslicer.training.tuning.TuningSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online failure-management job end to end: a bundle trained and tuned on a simulated training
 * period, then a new period with injected faults published as OTLP protobuf to a real KRaft broker,
 * and the detect workflow streaming over it on a MiniCluster into the alerts topic.
 */
class DetectJobKafkaITCase {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final String SYSTEM = "online-shop";
  private static final Instant TRAINING_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TRAINING = Duration.ofHours(6);

  /**
   * Faults with a strong signal at their own service (its latency, its database's latency, its
   * restarted instance), which the current encoder and heads detect and localize. The pod kill is
   * asserted since the services' metric deviations count in the score (24f990f); before, a bundle
   * this small caught it in one of four runs. http_5xx, config_error, cpu_saturation and
   * network_delay are not injected: each more fault lengthens the simulated test time, and so the
   * test's run time.
   */
  private static final List<FaultSpec> TEST_FAULTS =
      List.of(
          new FaultSpec("thread_pool_exhaustion", "currencyservice", "0", null, "10m", "4m", 0.8),
          new FaultSpec("slow_database", "redis-cart", "0", null, "22m", "4m", 0.8),
          new FaultSpec("pod_kill", "recommendationservice", "0", null, "34m", "4m", 0.8));

  private static final Set<String> ASSERTED_TYPES =
      Set.of("thread_pool_exhaustion", "slow_database", "pod_kill");
  private static final Duration TEST = Duration.ofMinutes(46);
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  @TempDir Path dir;

  @Test
  void alertsFireWithinInjectedFaultsNameTheirRootCausesAndResolve() throws Exception {
    Path bundle = trainedAndTunedBundle();
    KafkaKRaftBroker broker = KAFKA.broker();
    Map<String, String> topics = new HashMap<>();
    for (var option :
        List.of(
            SliceJobOptions.METRICS_TOPIC,
            SliceJobOptions.SPANS_TOPIC,
            SliceJobOptions.LOGS_TOPIC,
            SliceJobOptions.SLICES_TOPIC,
            SliceJobOptions.DEAD_LETTER_TOPIC,
            DetectJobOptions.ALERTS_TOPIC)) {
      topics.put(option.key(), broker.uniqueTopic(option.defaultValue()));
    }
    broker.createTopics(1, topics.values().toArray(String[]::new));

    List<FaultLabel> faults = new ArrayList<>();
    Instant testStart = TRAINING_START.plus(TRAINING);
    try (KafkaTelemetrySink sink =
        new KafkaTelemetrySink(
            broker.bootstrapServers(),
            topics.get(SliceJobOptions.SPANS_TOPIC.key()),
            topics.get(SliceJobOptions.METRICS_TOPIC.key()),
            topics.get(SliceJobOptions.LOGS_TOPIC.key()),
            faults::add)) {
      Simulation.builder()
          .system(SYSTEM)
          .duration(TEST)
          .seed(2)
          .faults(TEST_FAULTS)
          .start(testStart)
          .build()
          .run(sink);
    }
    assertThat(faults).hasSize(TEST_FAULTS.size());

    Map<String, String> settings = new HashMap<>(topics);
    settings.put(DetectJobOptions.BUNDLE.key(), bundle.toString());
    settings.put(SliceJobOptions.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers());
    settings.put(
        SliceJobOptions.GROUP_ID.key(), "it-" + topics.get(DetectJobOptions.ALERTS_TOPIC.key()));
    settings.put(SliceJobOptions.STARTING_OFFSETS.key(), "earliest");
    settings.put(
        SliceJobOptions.CHECKPOINT_DIRECTORY.key(), dir.resolve("checkpoints").toUri().toString());
    DetectJobSettings config = DetectJobSettings.fromMap(settings);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(config.slicing(), false));
    env.setParallelism(1);
    // Bounded by the topics' end at start, in STREAMING mode: windows close as the watermark moves,
    // then the job ends.
    DetectJob.DetectStreams streams =
        DetectJob.defineWorkflow(TelemetrySources.kafka(env, config.slicing(), true), config);
    DetectSinks.toKafkaAndAlertmanager(streams, config);
    env.execute("detect job it");

    // The simulator delivers spans as SDKs do, after they end and in batches, and the three topics
    // are read from their start at the default lateness: not one record is late or rejected.
    assertThat(
            TopicContents.read(
                broker.bootstrapServers(), topics.get(SliceJobOptions.DEAD_LETTER_TOPIC.key())))
        .as("dead letters, late records among them")
        .isEmpty();
    List<Alert> notifications =
        TopicContents.read(
                broker.bootstrapServers(), topics.get(DetectJobOptions.ALERTS_TOPIC.key()))
            .stream()
            .map(AlertJson::read)
            .toList();
    List<Alert> fired = notifications.stream().filter(a -> a.sequence == 0).toList();
    String told = notifications.stream().map(AlertText::format).reduce("", (a, b) -> a + "\n" + b);
    assertThat(fired).as("alerts fired").isNotEmpty();
    long grace = FailureScoring.DEFAULT_GRACE_MS;
    assertThat(faults).extracting(FaultLabel::type).containsAll(ASSERTED_TYPES);
    for (FaultLabel fault : faults) {
      if (!ASSERTED_TYPES.contains(fault.type())) {
        continue;
      }
      // Detection time is the end of the window an alert fired on.
      List<Alert> catching =
          fired.stream()
              .filter(
                  a -> a.windowEndMs >= fault.startMs() && a.windowEndMs <= fault.endMs() + grace)
              .toList();
      assertThat(catching)
          .as(
              "alerts firing within %s (%s at %s); alerts:%s",
              fault.id(), fault.type(), fault.rootCauseService(), told)
          .isNotEmpty();
      assertThat(catching)
          .as("top-3 root causes of the alerts within %s; alerts:%s", fault.id(), told)
          .anySatisfy(
              a ->
                  assertThat(a.rootCauses)
                      .hasSizeLessThanOrEqualTo(3)
                      .extracting(c -> c.service)
                      .contains(fault.rootCauseService()));
      for (Alert alert : catching) {
        assertThat(notifications)
            .as("resolution of alert %s; alerts:%s", alert.id, told)
            .anySatisfy(
                n -> {
                  assertThat(n.id).isEqualTo(alert.id);
                  assertThat(n.status).isEqualTo(Alert.RESOLVED);
                  assertThat(n.endsAtMs).isBetween(alert.windowEndMs, fault.endMs() + 10 * grace);
                });
      }
    }
    assertChangedCallsReachTheRootCause(faults, fired, told);
    assertExemplarsShowTheFailure(
        faults,
        fired,
        SpansByTrace.read(broker, topics.get(SliceJobOptions.SPANS_TOPIC.key())),
        told);
    long falseAlerts =
        fired.stream()
            .filter(
                a ->
                    faults.stream()
                        .noneMatch(
                            f -> a.windowEndMs >= f.startMs() && a.startsAtMs <= f.endMs() + grace))
            .count();
    assertThat(falseAlerts)
        .as(
            "alerts meeting no fault in the %d min without faults; alerts:%s",
            TEST.toMinutes() - 4 * faults.size(), told)
        .isLessThanOrEqualTo(1);
  }

  /**
   * Every fired alert carries its system's service graph, and for a slow database and a killed pod
   * an alert within the fault names a changed call into the root cause (slower, failing or gone).
   */
  private static void assertChangedCallsReachTheRootCause(
      List<FaultLabel> faults, List<Alert> fired, String told) {
    assertThat(fired)
        .as("service graphs of the alerts")
        .allSatisfy(a -> assertThat(a.dependencies).isNotEmpty());
    for (FaultLabel fault : faults) {
      if (!Set.of("slow_database", "pod_kill").contains(fault.type())) {
        continue;
      }
      assertThat(fired)
          .as(
              "a changed call into %s in an alert within %s; alerts:%s",
              fault.rootCauseService(), fault.id(), told)
          .anySatisfy(
              a -> {
                assertThat(a.windowEndMs)
                    .isBetween(fault.startMs(), fault.endMs() + FailureScoring.DEFAULT_GRACE_MS);
                assertThat(a.dependencies)
                    .anySatisfy(
                        e -> {
                          assertThat(e.callee).isEqualTo(fault.rootCauseService());
                          assertThat(e.change)
                              .isIn(ServiceEdge.SLOWER, ServiceEdge.FAILING, ServiceEdge.GONE);
                        });
              });
    }
  }

  /**
   * An alert that names a fault's root cause first shows it in its exemplar traces: each passes
   * through that service (its request, or a call to it) failing or slower than its median.
   */
  private static void assertExemplarsShowTheFailure(
      List<FaultLabel> faults, List<Alert> fired, SpansByTrace spans, String told) {
    int checked = 0;
    for (FaultLabel fault : faults) {
      String rootCause = fault.rootCauseService();
      for (Alert alert : fired) {
        boolean within =
            alert.windowEndMs >= fault.startMs()
                && alert.windowEndMs <= fault.endMs() + FailureScoring.DEFAULT_GRACE_MS;
        if (!within
            || alert.rootCauses.isEmpty()
            || !alert.rootCauses.get(0).service.equals(rootCause)) {
          continue;
        }
        assertThat(alert.exemplarTraceIds)
            .as("exemplars of %s at %s (%s); alerts:%s", alert.id, rootCause, fault.type(), told)
            .isNotEmpty()
            .allSatisfy(
                trace ->
                    assertThat(spans.failingOrSlowThrough(trace, rootCause))
                        .as(
                            "trace %s of alert %s passes through %s failing or slow: %s",
                            trace, alert.id, rootCause, spans.describe(trace))
                        .isTrue());
        checked++;
      }
    }
    assertThat(checked)
        .as("alerts naming their fault's root cause first; alerts:%s", told)
        .isPositive();
  }

  /**
   * Simulated training period with every fault type, sliced in BATCH mode, trained briefly and
   * tuned with its labels.
   */
  private Path trainedAndTunedBundle() throws Exception {
    Path files = dir.resolve("training");
    try (FileTelemetrySink sink = new FileTelemetrySink(files)) {
      Simulation.builder()
          .system(SYSTEM)
          .duration(TRAINING)
          .seed(1)
          .faults(24)
          .start(TRAINING_START)
          .build()
          .run(sink);
    }
    SliceJobSettings slicing = SliceJobSettings.fromMap(Map.of());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(slicing, true));
    Path sliced = dir.resolve("training-slices");
    SliceSinks.toFiles(
        SliceJob.defineWorkflow(TelemetrySources.files(env, files.toString(), slicing), slicing),
        sliced.toString());
    env.execute("training slices");
    Path slices = sliced.resolve(SliceSinks.SLICES_DIR);

    Path bundle = dir.resolve("bundle");
    TrainingSettings training = TrainingSettings.builder().epochs(4).build();
    BundleTraining.run(
        TrainingWindows.readRaw(List.of(slices), training.schema()), bundle, training, QUIET);
    ModelBundle loaded = ModelBundle.load(bundle);
    new StateAwareTuner(TuningSettings.defaults(), QUIET)
        .tune(
            loaded,
            sink -> SliceFiles.read(List.of(slices), sink),
            FaultLabelJson.read(files.resolve(FileTelemetrySink.LABELS)))
        .write(loaded.directory());
    return bundle;
  }
}
