package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NameTokenizerTest {

  private static InputStream tokenizerJson() {
    return NameTokenizerTest.class
        .getClassLoader()
        .getResourceAsStream(NameEmbedder.TOKENIZER_RESOURCE);
  }

  /** Names of every kind the slicer sees, and text that tests the normalization. */
  private static List<String> names() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "container cpu usage seconds total",
                "k8s pod cpu time",
                "get cart items",
                "hipstershop.CartService/GetCart",
                "GET /api/v1/orders/{id}",
                "connection refused to <*> port <*>",
                "Failed to connect: ECONNREFUSED 10.0.0.12:5432 (retry 3/5)",
                "Café déjà vu naïve Ångström",
                "数据库连接失败 timeout",
                "jdbc:mysql://db-primary:3306/orders?useSSL=false",
                "",
                "   ",
                "a".repeat(NameTokenizer.MAX_WORD_CHARS),
                "a".repeat(NameTokenizer.MAX_WORD_CHARS + 1),
                "supercalifragilisticexpialidociousservicename",
                "x\u0000y\u0007z",
                "emoji 🚀 deploy"));
    // Words far beyond the limit on tokens, to check truncation.
    names.add("word ".repeat(80));
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(40);
      for (int c = 0; c < length; c++) {
        text.append(
            (char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 32 + random.nextInt(95)));
      }
      names.add(text.toString());
    }
    return names;
  }

  @Test
  void givesTheIdsOfTheModelsOwnTokenizer() throws IOException {
    NameTokenizer ours;
    try (InputStream json = tokenizerJson()) {
      ours = NameTokenizer.read(json, NameEmbedder.MAX_TOKENS);
    }
    try (InputStream json = tokenizerJson();
        HuggingFaceTokenizer theirs =
            HuggingFaceTokenizer.newInstance(
                json,
                Map.of(
                    "maxLength",
                    Integer.toString(NameEmbedder.MAX_TOKENS),
                    "truncation",
                    "true",
                    "padding",
                    "false"))) {
      for (String name : names()) {
        assertThat(ours.encode(name))
            .as("ids of '%s'", name)
            .isEqualTo(theirs.encode(name).getIds());
      }
    }
  }

  @Test
  void keepsAtMostMaxTokensWithBothMarkers() throws IOException {
    NameTokenizer tokenizer;
    try (InputStream json = tokenizerJson()) {
      tokenizer = NameTokenizer.read(json, 5);
    }
    long[] ids = tokenizer.encode("one two three four five six");
    assertThat(ids).hasSize(5);
    assertThat(tokenizer.encode("")).hasSize(2);
    assertThat(ids[0]).isEqualTo(tokenizer.encode("")[0]);
    assertThat(ids[4]).isEqualTo(tokenizer.encode("")[1]);
  }

  @Test
  void refusesATokenizerFileWithoutAVocabulary() {
    assertThatThrownBy(
            () ->
                NameTokenizer.read(
                    new ByteArrayInputStream("{\"model\":{}}".getBytes(StandardCharsets.UTF_8)), 8))
        .hasMessageContaining("model.vocab");
    assertThatThrownBy(
            () ->
                NameTokenizer.read(
                    new ByteArrayInputStream(
                        "{\"model\":{\"vocab\":{\"a\":0,\"b\":5}}}"
                            .getBytes(StandardCharsets.UTF_8)),
                    8))
        .hasMessageContaining("ids");
  }
}
