package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EncoderTrainerTest {

  private static List<Window> train;
  private static List<Window> validation;

  @BeforeAll
  static void windows() {
    TrainingSettings config = TestData.quickConfig();
    List<Window> raw = TestData.rawWindows(config.schema());
    TimeSplit split = TimeSplit.of(raw, 0.2);
    var featurizer =
        new dev.runtimeslicer.model.embedding.SliceFeaturizer(
            config.schema(), TrainingWindows.fit(split.earlier(), config.schema()));
    train = TrainingWindows.scale(split.earlier(), featurizer);
    validation = TrainingWindows.scale(split.later(), featurizer);
  }

  @Test
  void sameSeedGivesTheSameWeightsAndLossFalls() {
    TrainingSettings config = TestData.quickConfig().toBuilder().epochs(4).build();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainingResult first =
        new EncoderTrainer(config, new PrintStream(log, true, StandardCharsets.UTF_8))
            .train(train, validation);
    TrainingResult second =
        new EncoderTrainer(config, new PrintStream(new ByteArrayOutputStream()))
            .train(train, validation);

    for (String name : first.weights().all().keySet()) {
      assertThat(second.weights().get(name).values())
          .as(name)
          .containsExactly(first.weights().get(name).values());
    }
    List<EpochStats> history = first.history();
    assertThat(history.get(history.size() - 1).trainLoss()).isLessThan(history.get(0).trainLoss());
    assertThat(history).allSatisfy(epoch -> assertThat(epoch.validationLoss()).isFinite());
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("epoch   1/4", "validation");
  }

  @Test
  void otherSeedGivesOtherWeights() {
    TrainingResult a =
        new EncoderTrainer(
                TestData.quickConfig().toBuilder().epochs(1).build(),
                new PrintStream(new ByteArrayOutputStream()))
            .train(train, validation);
    TrainingResult b =
        new EncoderTrainer(
                TestData.quickConfig().toBuilder().epochs(1).seed(99).build(),
                new PrintStream(new ByteArrayOutputStream()))
            .train(train, validation);
    assertThat(b.weights().get(EncoderWeights.SYSTEM_W).values())
        .isNotEqualTo(a.weights().get(EncoderWeights.SYSTEM_W).values());
  }

  @Test
  void stopsEarlyWhenValidationStopsImproving() {
    // A vanishing learning rate leaves the validation loss where it started (no improvement of at
    // least 1e-4), so patience 1 stops after the first epoch.
    TrainingSettings base = TestData.quickConfig().toBuilder().epochs(10).build();
    TrainingSettings frozen =
        new TrainingSettings(
            base.schema(),
            base.dimensions(),
            10,
            base.batchSize(),
            base.anchorsPerEpoch(),
            1e-9,
            base.temperature(),
            base.crossModalWeight(),
            base.temporalWeight(),
            base.serviceWeight(),
            base.modalityDropout(),
            base.servicesPerBatch(),
            base.validationShare(),
            1,
            base.seed());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainingResult result =
        new EncoderTrainer(frozen, new PrintStream(log, true, StandardCharsets.UTF_8))
            .train(train, validation);
    assertThat(result.history().size()).isLessThan(10);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("early stop");
  }
}
