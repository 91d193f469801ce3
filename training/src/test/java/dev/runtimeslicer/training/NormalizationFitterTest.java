package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import dev.runtimeslicer.model.embedding.TestSlices;
import dev.runtimeslicer.model.slice.LogFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationFitterTest {

  @Test
  void learnsStatisticsOfPresentTokensOnly() {
    FeatureSchema schema = FeatureSchema.defaults();
    SliceFeaturizer raw = new SliceFeaturizer(schema, FeatureNormalization.identity(schema));
    ServiceSlice silent = TestSlices.service("b", 30, 0);
    silent.logs = new LogFeatures();
    FeatureBatch batch =
        raw.featurizeRaw(
            List.of(
                TestSlices.slice("s", TestSlices.service("a", 60, 0), silent),
                TestSlices.slice("s", TestSlices.service("a", 120, 0))));

    NormalizationFitter fitter = new NormalizationFitter(schema);
    fitter.add(batch);
    FeatureNormalization normalization = fitter.result();

    // Request-rate summary over the three present trace tokens: log1p(1), log1p(0.5), log1p(2).
    double[] rates = {Math.log1p(1), Math.log1p(0.5), Math.log1p(2)};
    double mean = (rates[0] + rates[1] + rates[2]) / 3;
    double variance = 0;
    for (double rate : rates) {
      variance += (rate - mean) * (rate - mean) / 2;
    }
    assertThat(normalization.of(Modality.TRACES).mean()[0]).isCloseTo((float) mean, within(1e-6f));
    assertThat(normalization.of(Modality.TRACES).std()[0])
        .isCloseTo((float) Math.sqrt(variance), within(1e-6f));
    // Two present log tokens, both with 10 logs per minute: the silent service's padding is not
    // counted.
    assertThat(normalization.of(Modality.LOGS).mean()[0])
        .isCloseTo((float) Math.log1p(10 / 60.0), within(1e-6f));
    assertThat(normalization.of(Modality.LOGS).std()[0]).isCloseTo(0f, within(1e-6f));
  }
}
