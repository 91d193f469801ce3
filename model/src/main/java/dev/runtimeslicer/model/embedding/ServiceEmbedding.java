package dev.runtimeslicer.model.embedding;

/** The contextual embedding of one service in one window (unit length). */
public record ServiceEmbedding(String service, float[] embedding) {}
