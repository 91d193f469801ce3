package dev.runtimeslicer.model.embedding;

/** The three telemetry modalities; each service of a slice gives one token per modality. */
public enum Modality {
  METRICS("metrics"),
  TRACES("traces"),
  LOGS("logs");

  private final String tensorName;

  Modality(String tensorName) {
    this.tensorName = tensorName;
  }

  /** Name of this modality's token input in the encoder graph. */
  public String tensorName() {
    return tensorName;
  }

  /** Name of this modality's mask input in the encoder graph. */
  public String maskName() {
    return tensorName + "_mask";
  }
}
