package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;

class JobEnvironmentTest {

  @Test
  void aLocalStreamWithoutDirectoriesCheckpointsToTheTempDirectoryAndKeepsItsLastCheckpoint() {
    Configuration flink = JobEnvironment.flinkConfiguration(SliceJobSettings.defaults(), false);

    assertThat(flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .isEqualTo(JobEnvironment.LOCAL_CHECKPOINTS);
    assertThat(flink.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
        .isEqualTo(JobEnvironment.LOCAL_CHECKPOINTS + "/savepoints");
    assertThat(flink.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
        .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    assertThat(flink.getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();
  }

  @Test
  void aStreamKeepsStateOnTheHeapUnlessRocksDbIsChosenWhichCheckpointsIncrementally() {
    Configuration heap = JobEnvironment.flinkConfiguration(SliceJobSettings.defaults(), false);
    Configuration rocksDb =
        JobEnvironment.flinkConfiguration(
            SliceJobSettings.fromMap(Map.of(SliceJobOptions.STATE_BACKEND.key(), "RocksDB")),
            false);

    assertThat(heap.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    assertThat(heap.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
    assertThat(rocksDb.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(rocksDb.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    assertThatThrownBy(
            () ->
                JobEnvironment.flinkConfiguration(
                    SliceJobSettings.fromMap(Map.of(SliceJobOptions.STATE_BACKEND.key(), "forst")),
                    false))
        .hasMessageContaining("state.backend is 'forst'; use hashmap or rocksdb");
  }

  @Test
  void directoriesAndARestorePointComeFromTheJobSettings() {
    SliceJobSettings config =
        SliceJobSettings.fromMap(
            Map.of(
                SliceJobOptions.CHECKPOINT_DIRECTORY.key(), "s3://bucket/checkpoints",
                SliceJobOptions.RESTORE_FROM.key(), "s3://bucket/savepoints/savepoint-1"));

    Configuration flink = JobEnvironment.flinkConfiguration(config, false);

    assertThat(flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .isEqualTo("s3://bucket/checkpoints");
    assertThat(flink.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
        .isEqualTo("s3://bucket/checkpoints/savepoints");
    assertThat(flink.get(StateRecoveryOptions.SAVEPOINT_PATH))
        .isEqualTo("s3://bucket/savepoints/savepoint-1");
  }

  @Test
  void aBoundedRunIsABatchJobWithoutCheckpoints() {
    Configuration flink = JobEnvironment.flinkConfiguration(SliceJobSettings.defaults(), true);

    assertThat(flink.get(ExecutionOptions.RUNTIME_MODE)).isEqualTo(RuntimeExecutionMode.BATCH);
    assertThat(flink.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEmpty();
  }

  @Test
  void exactlyOnceNeedsTransactionsThatOutliveACheckpointInterval() {
    assertThatThrownBy(
            () ->
                SliceJobSettings.fromMap(
                    Map.of(SliceJobOptions.CHECKPOINT_INTERVAL.key(), "20 min")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(SliceJobOptions.TRANSACTION_TIMEOUT.key())
        .hasMessageContaining(SliceJobOptions.CHECKPOINT_INTERVAL.key());
    // at least once opens no transactions
    SliceJobSettings atLeastOnce =
        SliceJobSettings.fromMap(
            Map.of(
                SliceJobOptions.CHECKPOINT_INTERVAL.key(),
                "20 min",
                SliceJobOptions.DELIVERY_GUARANTEE.key(),
                "at-least-once"));
    assertThat(atLeastOnce.transactionalIdPrefix()).isEqualTo("runtimeslicer");
    assertThat(
            SliceJobSettings.fromMap(Map.of(SliceJobOptions.GROUP_ID.key(), "shop-detect"))
                .transactionalIdPrefix())
        .isEqualTo("shop-detect");
  }
}
