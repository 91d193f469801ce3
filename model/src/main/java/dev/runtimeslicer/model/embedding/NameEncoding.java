package dev.runtimeslicer.model.embedding;

/** How the featurization places a named value (metric series, operation, callee, template). */
public enum NameEncoding {
  /**
   * In one bucket with a sign, from the name's hash: names mean nothing, so a series in one system
   * and the same resource under another system's naming land in unrelated buckets.
   */
  HASHED,
  /**
   * Along a direction from the name's text embedding ({@link NameEmbedder}), randomly projected to
   * the buckets: names that mean the same land along nearby directions in any system.
   */
  EMBEDDED
}
