package dev.runtimeslicer.jobs;

import java.util.Locale;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The Flink settings a RuntimeSlicer job runs with, for a bounded replay or a Kafka stream. */
public final class JobEnvironment {

  /**
   * Checkpoints of a job that names no directory and runs where the cluster names none either (a
   * local run).
   */
  static final String LOCAL_CHECKPOINTS =
      "file://" + System.getProperty("java.io.tmpdir") + "/runtimeslicer/checkpoints";

  static final String HASHMAP = "hashmap";
  static final String ROCKSDB = "rocksdb";

  private JobEnvironment() {}

  /**
   * A bounded run (a file replay, or Kafka read up to its current end) runs in Flink's BATCH mode:
   * keyed input is sorted by key and event time (spilling to disk), sinks commit when it ends, and
   * a failure ends it with its cause instead of restarting. A stream checkpoints to {@code
   * checkpoint.directory} (or, unset, to the cluster's checkpoint directory when the job is
   * submitted to one that names it), which also publishes file-sink output and commits exactly-once
   * Kafka transactions; its last checkpoint is kept when it is cancelled, so it can resume from it
   * like from a savepoint.
   */
  public static Configuration flinkConfiguration(SliceJobSettings config, boolean bounded) {
    Configuration flink = new Configuration();
    if (bounded) {
      flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
      flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    } else {
      flink.set(
          CheckpointingOptions.CHECKPOINTING_INTERVAL,
          config.get(SliceJobOptions.CHECKPOINT_INTERVAL));
      flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      ReadableConfig cluster =
          StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration();
      String checkpoints =
          firstSet(
              config.get(SliceJobOptions.CHECKPOINT_DIRECTORY),
              cluster.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY),
              LOCAL_CHECKPOINTS);
      flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints);
      flink.set(
          CheckpointingOptions.SAVEPOINT_DIRECTORY,
          firstSet(
              config.get(SliceJobOptions.SAVEPOINT_DIRECTORY),
              cluster.get(CheckpointingOptions.SAVEPOINT_DIRECTORY),
              (checkpoints.endsWith("/") ? checkpoints : checkpoints + "/") + "savepoints"));
      flink.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
      String backend =
          firstSet(
                  config.get(SliceJobOptions.STATE_BACKEND),
                  cluster.get(StateBackendOptions.STATE_BACKEND))
              .toLowerCase(Locale.ROOT);
      switch (backend) {
        case HASHMAP -> flink.set(StateBackendOptions.STATE_BACKEND, HASHMAP);
        case ROCKSDB -> {
          flink.set(StateBackendOptions.STATE_BACKEND, ROCKSDB);
          // a checkpoint then uploads only the files RocksDB wrote since the last one
          flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        default ->
            throw new IllegalArgumentException(
                "state.backend is '" + backend + "'; use " + HASHMAP + " or " + ROCKSDB);
      }
      String restoreFrom = config.get(SliceJobOptions.RESTORE_FROM);
      if (!restoreFrom.isBlank()) {
        flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
      }
    }
    return flink;
  }

  /** The first of the values that is set. */
  private static String firstSet(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    throw new IllegalStateException("no value set");
  }
}
