package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.EncoderDimensions;
import dev.runtimeslicer.model.embedding.FeatureSchema;

/**
 * Everything that decides a training run; stored in the bundle's training.json.
 *
 * @param schema featurization
 * @param dimensions encoder sizes
 * @param epochs most epochs to run
 * @param batchSize windows per batch (half anchors, half their temporal neighbors)
 * @param anchorsPerEpoch most anchor windows per epoch (subsamples long, overlapping histories)
 * @param learningRate Adam step size
 * @param temperature softmax temperature of all contrastive terms
 * @param crossModalWeight weight of cross-modal alignment
 * @param temporalWeight weight of overlap-weighted temporal consistency of system embeddings
 * @param serviceWeight weight of the same consistency for service embeddings
 * @param modalityDropout chance to hide each modality of a window in a view (one always stays)
 * @param servicesPerBatch service embeddings sampled per batch for the service term
 * @param validationShare latest share of each system's training time used for early stopping
 * @param patience epochs without validation improvement before stopping
 * @param seed seed of initialization, sampling and dropout
 */
public record TrainingConfig(
    FeatureSchema schema,
    EncoderDimensions dimensions,
    int epochs,
    int batchSize,
    int anchorsPerEpoch,
    double learningRate,
    double temperature,
    double crossModalWeight,
    double temporalWeight,
    double serviceWeight,
    double modalityDropout,
    int servicesPerBatch,
    double validationShare,
    int patience,
    long seed) {

  public TrainingConfig {
    if (epochs < 0 || batchSize < 2 || anchorsPerEpoch < 1 || patience < 1) {
      throw new IllegalArgumentException("epochs >= 0, batch >= 2, anchors >= 1 and patience >= 1 are required");
    }
    if (!(temperature > 0) || !(learningRate > 0)) {
      throw new IllegalArgumentException("temperature and learning rate must be positive");
    }
    if (modalityDropout < 0 || modalityDropout >= 1) {
      throw new IllegalArgumentException("modality dropout must be in [0, 1)");
    }
  }

  /** Defaults that train a useful encoder on a day of windows from two systems in a few minutes. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(FeatureSchema.defaults(),
        new EncoderDimensions(EncoderDimensions.DEFAULT_HIDDEN, EncoderDimensions.DEFAULT_EMBEDDING),
        20, 128, 6000, 1e-3, 0.1, 1.0, 1.0, 0.5, 0.3, 256, 0.1, 3, 42);
  }

  public TrainingConfig withEpochs(int value) {
    return new TrainingConfig(schema, dimensions, value, batchSize, anchorsPerEpoch, learningRate, temperature,
        crossModalWeight, temporalWeight, serviceWeight, modalityDropout, servicesPerBatch, validationShare, patience, seed);
  }

  public TrainingConfig withBatchSize(int value) {
    return new TrainingConfig(schema, dimensions, epochs, value, anchorsPerEpoch, learningRate, temperature,
        crossModalWeight, temporalWeight, serviceWeight, modalityDropout, servicesPerBatch, validationShare, patience, seed);
  }

  public TrainingConfig withDimensions(EncoderDimensions value) {
    return new TrainingConfig(schema, value, epochs, batchSize, anchorsPerEpoch, learningRate, temperature,
        crossModalWeight, temporalWeight, serviceWeight, modalityDropout, servicesPerBatch, validationShare, patience, seed);
  }

  public TrainingConfig withSeed(long value) {
    return new TrainingConfig(schema, dimensions, epochs, batchSize, anchorsPerEpoch, learningRate, temperature,
        crossModalWeight, temporalWeight, serviceWeight, modalityDropout, servicesPerBatch, validationShare, patience, value);
  }

  public TrainingConfig withAnchorsPerEpoch(int value) {
    return new TrainingConfig(schema, dimensions, epochs, batchSize, value, learningRate, temperature,
        crossModalWeight, temporalWeight, serviceWeight, modalityDropout, servicesPerBatch, validationShare, patience, seed);
  }

  public TrainingConfig withTemperature(double value) {
    return new TrainingConfig(schema, dimensions, epochs, batchSize, anchorsPerEpoch, learningRate, value,
        crossModalWeight, temporalWeight, serviceWeight, modalityDropout, servicesPerBatch, validationShare, patience, seed);
  }

  /** The same run with other loss weights (for ablations). */
  public TrainingConfig withLossWeights(double crossModal, double temporal, double service) {
    return new TrainingConfig(schema, dimensions, epochs, batchSize, anchorsPerEpoch, learningRate, temperature,
        crossModal, temporal, service, modalityDropout, servicesPerBatch, validationShare, patience, seed);
  }
}
