package dev.runtimeslicer.model.embedding;

import java.util.List;

/**
 * The embedding of one runtime slice: its system-state vector (unit length) and one contextual
 * vector per kept service.
 *
 * @param truncatedServices services beyond the schema's bound, which have no embedding
 */
public record SliceEmbedding(
    String system,
    long windowStartMs,
    long windowEndMs,
    float[] embedding,
    List<ServiceEmbedding> services,
    int truncatedServices) {}
