package dev.runtimeslicer.model.embedding;

/**
 * Where the tokenizers put a named value, by the schema's {@link NameEncoding}: a signed bucket
 * from the name's hash, or a direction from its meaning ({@link NameDirections}). Thread-safe.
 */
final class FeatureNames implements AutoCloseable {

  private final NameHashes hashes;
  private final NameDirections directions;

  FeatureNames(NameEncoding encoding, int hashSlots, int directionCapacity) {
    this.hashes = new NameHashes(hashSlots, "");
    this.directions =
        encoding == NameEncoding.EMBEDDED ? new NameDirections(directionCapacity) : null;
  }

  /** {@code FeatureHashing.hash(name)}, for names that are hashed under either encoding. */
  long hash(String name) {
    return hashes.hash(name);
  }

  /** The unit direction of {@code name} among {@code buckets}, or null when names are hashed. */
  float[] direction(String name, int buckets) {
    return directions == null ? null : directions.direction(name, buckets);
  }

  /** Adds {@code value} along {@code direction} to the block at {@code block}. */
  static void along(float[] direction, float value, float[] out, int block) {
    for (int b = 0; b < direction.length; b++) {
      out[block + b] += value * direction[b];
    }
  }

  @Override
  public void close() {
    if (directions != null) {
      directions.close();
    }
  }
}
