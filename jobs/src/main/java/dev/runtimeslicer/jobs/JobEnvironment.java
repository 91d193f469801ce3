package dev.runtimeslicer.jobs;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;

/** The Flink settings a RuntimeSlicer job runs with, for a bounded replay or a Kafka stream. */
public final class JobEnvironment {

  private JobEnvironment() {}

  /**
   * A bounded run (a file replay, or Kafka read up to its current end) runs in Flink's BATCH mode: keyed input is sorted by key and event time (spilling to
   * disk), sinks commit when it ends, and a failure ends it with its cause instead of restarting.
   * A stream checkpoints to {@code checkpoint.directory}, which also publishes file-sink output.
   */
  public static Configuration flinkConfiguration(SliceJobConfig config, boolean bounded) {
    Configuration flink = new Configuration();
    if (bounded) {
      flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
      flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    } else {
      flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.get(SliceJobOptions.CHECKPOINT_INTERVAL));
      flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.get(SliceJobOptions.CHECKPOINT_DIRECTORY));
    }
    return flink;
  }
}
