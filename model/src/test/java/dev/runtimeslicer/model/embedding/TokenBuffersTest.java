package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBuffersTest {

  @Test
  void anArrayOfTheSameLengthComesBackZeroedAndAnotherLengthGetsItsOwn() {
    TokenBuffers buffers = new TokenBuffers();
    float[] tokens = buffers.tokens(Modality.TRACES, 6);
    java.util.Arrays.fill(tokens, 3f);
    float[] again = buffers.tokens(Modality.TRACES, 6);
    assertThat(again).isSameAs(tokens).containsOnly(0f);
    assertThat(buffers.tokens(Modality.TRACES, 8)).hasSize(8).isNotSameAs(tokens);
    assertThat(buffers.tokens(Modality.LOGS, 8)).isNotSameAs(buffers.tokens(Modality.TRACES, 8));
    float[] mask = buffers.mask(Modality.TRACES, 8);
    mask[0] = 1f;
    assertThat(buffers.mask(Modality.TRACES, 8)).isSameAs(mask).containsOnly(0f);
    assertThat(mask).isNotSameAs(buffers.tokens(Modality.TRACES, 8));
  }
}
