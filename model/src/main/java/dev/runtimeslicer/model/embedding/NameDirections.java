package dev.runtimeslicer.model.embedding;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Unit-length directions among a block of buckets for names, from their text embeddings ({@link
 * NameEmbedder}) times a fixed Gaussian projection per block size: names whose embeddings are close
 * get directions that are close (random projections keep angles, roughly), in every system and in
 * every bundle. Memoized per block size and name, up to a bound (past it the memo starts afresh:
 * only a flood of distinct names gets there, and a direct-mapped table as {@link NameHashes} would
 * make two hot names that share a slot pay a projection in every window); the name model opens on
 * the first name not memoized and is used by one thread at a time. Thread-safe.
 */
final class NameDirections implements AutoCloseable {

  /**
   * The projections are part of the featurization: a bundle's encoder learned on directions of this
   * seed, so it never changes.
   */
  static final long PROJECTION_SEED = 0x6e616d6573L;

  /** Embeddings kept by the name model: several blocks ask for the same name. */
  static final int EMBEDDING_CACHE = 4096;

  private final int capacity;
  private final ConcurrentMap<Integer, ConcurrentMap<String, float[]>> memo =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, float[][]> projections = new ConcurrentHashMap<>();
  private NameEmbedder embedder;
  private boolean closed;

  /** Memoizes up to {@code capacity} names per block size. */
  NameDirections(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** The direction of {@code name} among {@code buckets} (unit length; do not modify). */
  float[] direction(String name, int buckets) {
    ConcurrentMap<String, float[]> ofSize = memo.get(buckets);
    if (ofSize == null) {
      ofSize = memo.computeIfAbsent(buckets, b -> new ConcurrentHashMap<>());
    }
    float[] direction = ofSize.get(name);
    if (direction != null) {
      return direction;
    }
    direction = project(embedding(name), projection(buckets));
    if (ofSize.size() >= capacity) {
      ofSize.clear();
    }
    ofSize.put(name, direction);
    return direction;
  }

  private synchronized float[] embedding(String name) {
    if (closed) {
      throw new IllegalStateException("the featurizer's name model is closed");
    }
    if (embedder == null) {
      embedder = NameEmbedder.open(EMBEDDING_CACHE);
    }
    return embedder.embed(name);
  }

  private float[][] projection(int buckets) {
    return projections.computeIfAbsent(buckets, NameDirections::gaussian);
  }

  /** {@code buckets} rows of standard normal values, from the fixed seed and the block size. */
  static float[][] gaussian(int buckets) {
    SplittableRandom random =
        new SplittableRandom(PROJECTION_SEED ^ (buckets * 0x9e3779b97f4a7c15L));
    float[][] rows = new float[buckets][NameEmbedder.DIMENSIONS];
    for (float[] row : rows) {
      for (int d = 0; d < row.length; d++) {
        row[d] = (float) gaussian(random);
      }
    }
    return rows;
  }

  /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  static float[] project(float[] embedding, float[][] projection) {
    float[] out = new float[projection.length];
    double norm = 0;
    for (int b = 0; b < out.length; b++) {
      float[] row = projection[b];
      double dot = 0;
      for (int d = 0; d < row.length; d++) {
        dot += row[d] * embedding[d];
      }
      out[b] = (float) dot;
      norm += dot * dot;
    }
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int b = 0; b < out.length; b++) {
        out[b] *= scale;
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (embedder != null) {
      embedder.close();
      embedder = null;
    }
  }
}
