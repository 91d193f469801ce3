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
public record TrainingSettings(
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

  public TrainingSettings {
    if (epochs < 0 || batchSize < 2 || anchorsPerEpoch < 1 || patience < 1) {
      throw new IllegalArgumentException(
          "epochs >= 0, batch >= 2, anchors >= 1 and patience >= 1 are required");
    }
    if (!(temperature > 0) || !(learningRate > 0)) {
      throw new IllegalArgumentException("temperature and learning rate must be positive");
    }
    if (modalityDropout < 0 || modalityDropout >= 1) {
      throw new IllegalArgumentException("modality dropout must be in [0, 1)");
    }
  }

  /** Defaults that train a useful encoder on a day of windows from two systems in a few minutes. */
  public static TrainingSettings defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.schema = schema;
    builder.dimensions = dimensions;
    builder.epochs = epochs;
    builder.batchSize = batchSize;
    builder.anchorsPerEpoch = anchorsPerEpoch;
    builder.learningRate = learningRate;
    builder.temperature = temperature;
    builder.crossModalWeight = crossModalWeight;
    builder.temporalWeight = temporalWeight;
    builder.serviceWeight = serviceWeight;
    builder.modalityDropout = modalityDropout;
    builder.servicesPerBatch = servicesPerBatch;
    builder.validationShare = validationShare;
    builder.patience = patience;
    builder.seed = seed;
    return builder;
  }

  /** A configuration changed one setting at a time; {@link #build()} checks it. */
  public static final class Builder {
    private FeatureSchema schema = FeatureSchema.defaults();
    private EncoderDimensions dimensions =
        new EncoderDimensions(
            EncoderDimensions.DEFAULT_HIDDEN, EncoderDimensions.DEFAULT_EMBEDDING);
    private int epochs = 20;
    private int batchSize = 128;
    private int anchorsPerEpoch = 6000;
    private double learningRate = 1e-3;
    private double temperature = 0.1;
    private double crossModalWeight = 1.0;
    private double temporalWeight = 1.0;
    private double serviceWeight = 0.5;
    private double modalityDropout = 0.3;
    private int servicesPerBatch = 256;
    private double validationShare = 0.1;
    private int patience = 3;
    private long seed = 42L;

    private Builder() {}

    public Builder schema(FeatureSchema value) {
      schema = value;
      return this;
    }

    public Builder dimensions(EncoderDimensions value) {
      dimensions = value;
      return this;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder anchorsPerEpoch(int value) {
      anchorsPerEpoch = value;
      return this;
    }

    public Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    public Builder temperature(double value) {
      temperature = value;
      return this;
    }

    public Builder crossModalWeight(double value) {
      crossModalWeight = value;
      return this;
    }

    public Builder temporalWeight(double value) {
      temporalWeight = value;
      return this;
    }

    public Builder serviceWeight(double value) {
      serviceWeight = value;
      return this;
    }

    public Builder modalityDropout(double value) {
      modalityDropout = value;
      return this;
    }

    public Builder servicesPerBatch(int value) {
      servicesPerBatch = value;
      return this;
    }

    public Builder validationShare(double value) {
      validationShare = value;
      return this;
    }

    public Builder patience(int value) {
      patience = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public TrainingSettings build() {
      return new TrainingSettings(
          schema,
          dimensions,
          epochs,
          batchSize,
          anchorsPerEpoch,
          learningRate,
          temperature,
          crossModalWeight,
          temporalWeight,
          serviceWeight,
          modalityDropout,
          servicesPerBatch,
          validationShare,
          patience,
          seed);
    }
  }
}
