package dev.runtimeslicer.tools.cli;

import dev.runtimeslicer.jobs.DetectJob;
import dev.runtimeslicer.jobs.DetectJobOptions;
import dev.runtimeslicer.jobs.DetectJobSettings;
import dev.runtimeslicer.jobs.DetectSinks;
import dev.runtimeslicer.jobs.JobEnvironment;
import dev.runtimeslicer.jobs.SliceJob;
import dev.runtimeslicer.jobs.SliceJobOptions;
import dev.runtimeslicer.jobs.SliceJobSettings;
import dev.runtimeslicer.jobs.SliceSinks;
import dev.runtimeslicer.jobs.TelemetrySources;
import dev.runtimeslicer.jobs.TopicContents;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.PretrainedBundle;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.simulator.RunSummary;
import dev.runtimeslicer.simulator.Simulation;
import dev.runtimeslicer.simulator.otlp.FileTelemetrySink;
import dev.runtimeslicer.simulator.otlp.KafkaTelemetrySink;
import dev.runtimeslicer.simulator.system.DurationText;
import dev.runtimeslicer.tools.demo.AlertEpisodes;
import dev.runtimeslicer.tools.demo.DemoStages;
import dev.runtimeslicer.tools.demo.DetectionScorecard;
import dev.runtimeslicer.tools.demo.LocalKafka;
import dev.runtimeslicer.training.BundleTraining;
import dev.runtimeslicer.training.SliceFiles;
import dev.runtimeslicer.training.TrainingSettings;
import dev.runtimeslicer.training.TrainingWindows;
import dev.runtimeslicer.training.tuning.StateAwareTuner;
import dev.runtimeslicer.training.tuning.TuningSettings;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole product on one machine. A local Kafka broker, a simulated training period
 * with labeled faults (files), slicing, tuning of the pretrained encoder (or training and tuning of
 * a small one), then a new simulated period published as OTLP to Kafka and the detect workflow
 * streaming over it on a MiniCluster, alerts as they fire, and at the end which faults were caught
 * or missed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline locally in a few minutes.",
      "%nStarts the local Kafka broker (deploy/kafka), simulates a training period of a built-in"
          + " system with labeled faults, slices it, tunes the pretrained encoder's heads on it"
          + " (or, with --epochs, trains and tunes a small bundle), publishes a"
          + " new period with other faults as OTLP protobuf to Kafka, runs the detect workflow over"
          + " it in STREAMING mode on a Flink MiniCluster (alerts printed as they fire), scores the"
          + " alerts against that period's labels, and stops the broker it started (also on"
          + " Ctrl-C). Ends by itself (a few minutes on 2 cores)."
    })
public final class DemoCommand implements Callable<Integer> {

  private static final int STAGES = 8;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "RuntimeSlicer checkout with deploy/kafka (default: the one this jar was built in, else"
              + " the current directory).")
  File repository;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Where the demo's files go (default: REPO/out/demo).")
  File work;

  @Option(
      names = "--system",
      defaultValue = "online-shop",
      paramLabel = "NAME",
      description = "Built-in system (simulate --list-systems). Default: ${DEFAULT-VALUE}.")
  String system;

  @Option(
      names = "--training",
      defaultValue = "4h",
      converter = DurationOption.class,
      paramLabel = "DURATION",
      description = "Simulated training period. Default: ${DEFAULT-VALUE}.")
  Duration training;

  @Option(
      names = "--training-faults",
      defaultValue = "18",
      paramLabel = "N",
      description =
          "Labeled faults in the training period (types balanced: 18 = each of the 9 types twice)."
              + " Default: ${DEFAULT-VALUE}.")
  int trainingFaults;

  @Option(
      names = "--live",
      defaultValue = "40m",
      converter = DurationOption.class,
      paramLabel = "DURATION",
      description =
          "Simulated period published to Kafka and watched, ending now. Default: ${DEFAULT-VALUE}.")
  Duration live;

  @Option(
      names = "--live-faults",
      defaultValue = "4",
      paramLabel = "N",
      description = "Faults in the live period. Default: ${DEFAULT-VALUE}.")
  int liveFaults;

  @Option(
      names = "--seed",
      defaultValue = "7",
      paramLabel = "S",
      description =
          "Seed of the training period; the live period uses S+1. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--epochs",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Train the slice encoder on the training period for N epochs; 0 uses the pretrained"
              + " encoder in the jar (trained on other, generated systems). Default:"
              + " ${DEFAULT-VALUE}.")
  int epochs;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      paramLabel = "PORT",
      description = "Broker port. Default: ${DEFAULT-VALUE}.")
  int kafkaPort;

  @Option(
      names = "--kafka-controller-port",
      defaultValue = "9093",
      paramLabel = "PORT",
      description = "KRaft controller port. Default: ${DEFAULT-VALUE}.")
  int controllerPort;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path repo = repository();
    if (!Files.isRegularFile(repo.resolve(LocalKafka.SCRIPTS).resolve("start.sh"))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          repo.resolve(LocalKafka.SCRIPTS).resolve("start.sh")
              + " not found: pass --repo DIR, the RuntimeSlicer checkout (the demo starts its local"
              + " Kafka broker from there)");
    }
    Path dir = (work != null ? work.toPath() : repo.resolve("out/demo")).toAbsolutePath();
    Files.createDirectories(dir);
    Instant liveEnd = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant liveStart = liveEnd.minus(live);
    Instant trainingStart = liveStart.minus(training);
    String run = Long.toString(liveEnd.getEpochSecond());
    DemoStages stages = new DemoStages(out, STAGES);

    stages.begin("Local Kafka broker (" + LocalKafka.SCRIPTS + ")");
    try (LocalKafka kafka = LocalKafka.start(repo, kafkaPort, controllerPort, out)) {
      if (!kafka.startedHere()) {
        out.println("  using the broker that was already running; it is left running afterwards");
      }

      stages.begin(
          String.format(
              "Simulating %s of %s with %d labeled faults (training period, to files)",
              text(training), system, trainingFaults));
      Path trainingFiles = fresh(dir.resolve("training"));
      RunSummary trained;
      try (FileTelemetrySink sink = new FileTelemetrySink(trainingFiles)) {
        trained =
            Simulation.builder()
                .system(system)
                .duration(training)
                .seed(seed)
                .faults(trainingFaults)
                .start(trainingStart)
                .build()
                .run(sink);
      }
      out.printf(
          "  %d requests, %d spans, %d log records from %s to %s -> %s%n",
          trained.requests(),
          trained.spans(),
          trained.logRecords(),
          trainingStart,
          liveStart,
          trainingFiles);
      out.println(
          "  fault types: "
              + trained.faults().stream().map(f -> f.type()).distinct().sorted().toList());

      stages.begin("Slicing the training period (file replay, BATCH mode)");
      Path sliced = fresh(dir.resolve("training-slices"));
      slice(trainingFiles, sliced);
      Path slices = sliced.resolve(SliceSinks.SLICES_DIR);
      out.printf("  %d slices in %s%n", SliceFiles.readAll(List.of(slices)).size(), slices);

      Path bundle = fresh(dir.resolve("bundle"));
      if (epochs > 0) {
        stages.begin("Training the slice encoder (" + epochs + " epochs, CPU)");
        TrainingSettings config = TrainingSettings.builder().epochs(epochs).build();
        BundleTraining.run(
            TrainingWindows.readRaw(List.of(slices), config.schema()),
            bundle,
            config,
            indented(out));
      } else {
        stages.begin(
            "Taking the pretrained slice encoder from the jar (never trained on " + system + ")");
        PretrainedBundle.copyEncoderTo(bundle);
        out.printf("  %s%n", bundle);
      }

      stages.begin("Tuning runtime states and task heads with the training labels");
      List<FaultLabel> trainingLabels =
          FaultLabelJson.read(trainingFiles.resolve(FileTelemetrySink.LABELS));
      ModelBundle loaded = ModelBundle.load(bundle);
      StateAwareHeads heads =
          new StateAwareTuner(TuningSettings.defaults(), indented(out))
              .tune(loaded, sink -> SliceFiles.read(List.of(slices), sink), trainingLabels);
      heads.write(loaded.directory());

      Topics topics = new Topics(run);
      stages.begin(
          String.format(
              "Publishing %s of %s with %d new faults (seed %d) as OTLP protobuf to Kafka",
              text(live), system, liveFaults, seed + 1));
      kafka.createTopics(topics.all());
      List<FaultLabel> liveLabels = new ArrayList<>();
      try (KafkaTelemetrySink sink =
          new KafkaTelemetrySink(
              kafka.bootstrapServers(),
              topics.spans,
              topics.metrics,
              topics.logs,
              liveLabels::add)) {
        RunSummary published =
            Simulation.builder()
                .system(system)
                .duration(live)
                .seed(seed + 1)
                .faults(liveFaults)
                .start(liveStart)
                .build()
                .run(sink);
        out.printf(
            "  %d spans, %d log records, %d metric exports from %s to %s on %s, %s, %s%n",
            published.spans(),
            published.logRecords(),
            published.metricExports(),
            liveStart,
            liveEnd,
            topics.spans,
            topics.metrics,
            topics.logs);
      }
      out.printf("  %d faults injected; which ones is told after detection%n", liveLabels.size());

      stages.begin(
          "Detecting: slices -> embeddings -> states -> heads -> alerts (STREAMING mode,"
              + " MiniCluster)");
      out.println("  alerts are printed as they fire; they also go to topic " + topics.alerts);
      out.flush();
      detect(kafka.bootstrapServers(), topics, bundle, dir.resolve("checkpoints"));

      stages.begin(
          "Scoring the alerts of topic " + topics.alerts + " against the live period's labels");
      List<Alert> notifications =
          TopicContents.read(kafka.bootstrapServers(), topics.alerts).stream()
              .map(AlertJson::read)
              .toList();
      liveLabels.sort(Comparator.comparingLong(FaultLabel::startMs));
      DetectionScorecard.print(out, liveLabels, AlertEpisodes.of(notifications), live.toMillis());
      out.printf(
          "  dead letters (bad or late input): %d%n",
          TopicContents.read(kafka.bootstrapServers(), topics.deadLetters).size());
      stages.end();
    }
    stages.summary();
    out.println("Files of this run: " + dir);
    return 0;
  }

  /**
   * The run's topics: fresh names, so a broker that was already running contributes no old data.
   */
  private static final class Topics {
    final String metrics;
    final String spans;
    final String logs;
    final String slices;
    final String deadLetters;
    final String alerts;

    Topics(String run) {
      metrics = "otlp_metrics-demo-" + run;
      spans = "otlp_spans-demo-" + run;
      logs = "otlp_logs-demo-" + run;
      slices = "runtimeslicer-slices-demo-" + run;
      deadLetters = "runtimeslicer-dead-letter-demo-" + run;
      alerts = "runtimeslicer-alerts-demo-" + run;
    }

    String[] all() {
      return new String[] {metrics, spans, logs, slices, deadLetters, alerts};
    }
  }

  private static void slice(Path input, Path out) throws Exception {
    SliceJobSettings config = SliceJobSettings.fromMap(Map.of());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(config, true));
    SliceSinks.toFiles(
        SliceJob.defineWorkflow(TelemetrySources.files(env, input.toString(), config), config),
        out.toString());
    env.execute("runtimeslicer demo: slicing the training period");
  }

  private static void detect(String bootstrap, Topics topics, Path bundle, Path checkpoints)
      throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(DetectJobOptions.BUNDLE.key(), bundle.toString());
    settings.put(SliceJobOptions.BOOTSTRAP_SERVERS.key(), bootstrap);
    settings.put(SliceJobOptions.METRICS_TOPIC.key(), topics.metrics);
    settings.put(SliceJobOptions.SPANS_TOPIC.key(), topics.spans);
    settings.put(SliceJobOptions.LOGS_TOPIC.key(), topics.logs);
    settings.put(SliceJobOptions.SLICES_TOPIC.key(), topics.slices);
    settings.put(SliceJobOptions.DEAD_LETTER_TOPIC.key(), topics.deadLetters);
    settings.put(DetectJobOptions.ALERTS_TOPIC.key(), topics.alerts);
    settings.put(SliceJobOptions.GROUP_ID.key(), "demo-" + topics.alerts);
    settings.put(SliceJobOptions.STARTING_OFFSETS.key(), "earliest");
    settings.put(SliceJobOptions.CHECKPOINT_DIRECTORY.key(), checkpoints.toUri().toString());
    DetectJobSettings config = DetectJobSettings.fromMap(settings);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(config.slicing(), false));
    // One system is one key: a single pipeline does all the work, and the run stays easy to follow.
    env.setParallelism(1);
    // Bounded by the topics' end at start, but streaming: windows close and alerts fire as the
    // watermark moves.
    DetectJob.DetectStreams streams =
        DetectJob.defineWorkflow(TelemetrySources.kafka(env, config.slicing(), true), config);
    DetectSinks.toKafkaAndAlertmanager(streams, config);
    DetectSinks.toConsole(streams);
    env.execute("runtimeslicer demo: detect");
  }

  /**
   * The checkout: given, or the one whose tools/target holds this jar, or the current directory.
   */
  private Path repository() {
    if (repository != null) {
      return repository.toPath().toAbsolutePath();
    }
    try {
      Path code =
          Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // tools/target/runtimeslicer.jar (or tools/target/classes) -> the checkout
      Path candidate =
          code.getParent() == null || code.getParent().getParent() == null
              ? null
              : code.getParent().getParent().getParent();
      if (candidate != null
          && Files.isRegularFile(candidate.resolve(LocalKafka.SCRIPTS).resolve("start.sh"))) {
        return candidate;
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // fall back to the current directory
    }
    return Path.of("").toAbsolutePath();
  }

  /** Empties (or creates) one of the demo's own output directories. */
  private static Path fresh(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
    }
    return Files.createDirectories(directory);
  }

  private static PrintStream indented(PrintStream out) {
    return new PrintStream(out, true) {
      @Override
      public void println(String line) {
        super.println("  " + line);
      }

      @Override
      public PrintStream printf(String format, Object... args) {
        return super.printf("  " + format, args);
      }
    };
  }

  private static String text(Duration duration) {
    return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  /** Reads durations such as 90s, 40m or 4h. */
  static final class DurationOption implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return DurationText.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
