package dev.runtimeslicer.model.telemetry;

/**
 * Input the job could not use, kept with where it came from and why, so nothing vanishes.
 *
 * <p>{@link #payload} holds the original bytes for whole-message failures (malformed, oversized)
 * and, for a bad item inside an otherwise good message, a self-contained OTLP export request with
 * just that item, encoded as {@link #encoding} says, so it can be inspected or replayed.
 */
public class DeadLetter {
  public String sourceTopic = "";
  public int partition = -1;
  public long offset = -1;

  /** Short machine-readable category, e.g. {@code malformed}, {@code missing_service_name}. */
  public String category;

  /** What is wrong and what to do, for a person. */
  public String reason;

  /**
   * {@code otlp_proto}, {@code otlp_json}, or {@code record} for a decoded record rejected later.
   */
  public String encoding;

  public byte[] payload;

  public DeadLetter() {}

  public DeadLetter(
      SourcePosition position, String category, String reason, String encoding, byte[] payload) {
    this.sourceTopic = position.topic();
    this.partition = position.partition();
    this.offset = position.offset();
    this.category = category;
    this.reason = reason;
    this.encoding = encoding;
    this.payload = payload;
  }
}
