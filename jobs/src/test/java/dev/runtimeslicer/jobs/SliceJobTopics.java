package dev.runtimeslicer.jobs;

import dev.runtimeslicer.testkit.KafkaKRaftBroker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The five topics of one slicing job on the test broker, the settings that name them, and the job
 * started on them.
 */
record SliceJobTopics(
    String metrics, String spans, String logs, String slices, String deadLetters) {

  /** Creates the topics, one partition each, under names starting with {@code prefix}. */
  static SliceJobTopics create(KafkaKRaftBroker broker, String prefix) {
    return create(broker, prefix, Map.of());
  }

  /** Likewise, with topic configs (e.g. {@code max.message.bytes}) for the three OTLP topics. */
  static SliceJobTopics create(
      KafkaKRaftBroker broker, String prefix, Map<String, String> inputConfigs) {
    SliceJobTopics topics =
        new SliceJobTopics(
            broker.uniqueTopic(prefix + "-otlp_metrics"),
            broker.uniqueTopic(prefix + "-otlp_spans"),
            broker.uniqueTopic(prefix + "-otlp_logs"),
            broker.uniqueTopic(prefix + "-slices"),
            broker.uniqueTopic(prefix + "-dead-letter"));
    broker.createTopics(1, inputConfigs, topics.metrics(), topics.spans(), topics.logs());
    broker.createTopics(1, topics.slices(), topics.deadLetters());
    return topics;
  }

  /**
   * Settings naming {@code bootstrapServers}, these topics and a consumer group of their own, the
   * rest at the job's defaults but the idleness and checkpoints: the three sources may start
   * seconds apart on a loaded machine, and a signal not seen yet holds a new system's windows for
   * the idleness; the exactly-once sinks publish on checkpoints, so they come every second, kept
   * under the build directory.
   */
  Map<String, String> settings(String bootstrapServers) {
    Map<String, String> settings = new HashMap<>();
    settings.put(SliceJobOptions.BOOTSTRAP_SERVERS.key(), bootstrapServers);
    settings.put(SliceJobOptions.METRICS_TOPIC.key(), metrics);
    settings.put(SliceJobOptions.SPANS_TOPIC.key(), spans);
    settings.put(SliceJobOptions.LOGS_TOPIC.key(), logs);
    settings.put(SliceJobOptions.SLICES_TOPIC.key(), slices);
    settings.put(SliceJobOptions.DEAD_LETTER_TOPIC.key(), deadLetters);
    settings.put(SliceJobOptions.GROUP_ID.key(), "it-" + slices);
    settings.put(SliceJobOptions.IDLENESS.key(), "30 s");
    settings.put(SliceJobOptions.CHECKPOINT_INTERVAL.key(), "1 s");
    settings.put(
        SliceJobOptions.CHECKPOINT_DIRECTORY.key(),
        Path.of("target", "it-checkpoints").toAbsolutePath().toUri().toString());
    return settings;
  }

  /**
   * Starts the slicing job, unbounded, at parallelism 1 on the test's MiniCluster; the caller
   * cancels it.
   */
  static JobClient startSlicing(Map<String, String> settings, String name) throws Exception {
    return startSlicing(settings, name, 1);
  }

  static JobClient startSlicing(Map<String, String> settings, String name, int parallelism)
      throws Exception {
    SliceJobSettings config = SliceJobSettings.fromMap(settings);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(config, false));
    env.setParallelism(parallelism);
    SliceSinks.toKafka(
        SliceJob.defineWorkflow(TelemetrySources.kafka(env, config, false), config), config);
    return env.executeAsync(name);
  }
}
