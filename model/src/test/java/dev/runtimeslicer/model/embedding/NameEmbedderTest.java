package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NameEmbedderTest {

  private static NameEmbedder names;

  @BeforeAll
  static void open() {
    names = NameEmbedder.open(1_000);
  }

  @AfterAll
  static void close() {
    names.close();
  }

  /** The candidate nearest to {@code name}. */
  private static String nearest(String name, List<String> candidates) {
    float[] anchor = names.embed(name);
    String best = null;
    double bestSimilarity = Double.NEGATIVE_INFINITY;
    for (String candidate : candidates) {
      double similarity = NameEmbedder.similarity(anchor, names.embed(candidate));
      if (similarity > bestSimilarity) {
        best = candidate;
        bestSimilarity = similarity;
      }
    }
    return best;
  }

  @Test
  void theSameResourceUnderDifferentConventionsLandsNearby() {
    List<String> otel =
        List.of(
            "k8s.pod.cpu.time",
            "k8s.pod.memory.working_set",
            "http.server.request.duration",
            "k8s.pod.network.io",
            "k8s.pod.filesystem.usage");
    assertThat(nearest("container_cpu_usage_seconds_total", otel)).isEqualTo("k8s.pod.cpu.time");
    assertThat(nearest("container_memory_working_set_bytes", otel))
        .isEqualTo("k8s.pod.memory.working_set");
    assertThat(nearest("container_network_receive_bytes_total", otel))
        .isEqualTo("k8s.pod.network.io");
    assertThat(nearest("container_fs_usage_bytes", otel)).isEqualTo("k8s.pod.filesystem.usage");
    assertThat(nearest("http_server_requests_seconds", otel))
        .isEqualTo("http.server.request.duration");
    assertThat(nearest("cpu", otel)).isEqualTo("k8s.pod.cpu.time");
  }

  @Test
  void logTemplatesThatSayTheSameAreNearerThanOnesThatDoNot() {
    float[] refused = names.embed("connection refused to <*> port <*>");
    double same = NameEmbedder.similarity(refused, names.embed("failed to connect to <*>"));
    double other = NameEmbedder.similarity(refused, names.embed("order <*> shipped to customer"));
    assertThat(same).isGreaterThan(other + 0.1);
  }

  @Test
  void embeddingsAreUnitLengthAndEachNameIsEmbeddedOnce() {
    float[] first = names.embed("checkout_service");
    float[] again = names.embed(List.of("other.name", "checkout_service")).get(1);

    assertThat(first).hasSize(NameEmbedder.DIMENSIONS);
    assertThat(NameEmbedder.similarity(first, first)).isCloseTo(1.0, within(1e-5));
    assertThat(again).isSameAs(first);
    // A name gets the same embedding whatever it is asked with.
    float[] alone = names.embed("payment.gateway.latency");
    try (NameEmbedder fresh = NameEmbedder.open(10)) {
      float[] inBatch =
          fresh
              .embed(
                  List.of(
                      "a much longer name than the other one in this batch",
                      "payment.gateway.latency"))
              .get(1);
      assertThat(NameEmbedder.similarity(alone, inBatch)).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void emptyHugeAndBinaryNamesAreEmbeddedToo() {
    String huge = "deadlock detected on table orders ".repeat(30_000);
    String binary = "\u0000\u0001\uFFFD\uD83D\uDE00 \t\n";

    for (String name : List.of("", huge, binary)) {
      float[] vector = names.embed(name);
      assertThat(vector).hasSize(NameEmbedder.DIMENSIONS);
      assertThat(NameEmbedder.similarity(vector, vector)).isCloseTo(1.0, within(1e-5));
    }
    // Only the first tokens count: a template's opening says what it is.
    assertThat(NameEmbedder.similarity(names.embed(huge), names.embed(huge + " and more words")))
        .isCloseTo(1.0, within(1e-6));
  }

  @Test
  void theCacheKeepsAtMostItsCapacity() {
    try (NameEmbedder small = NameEmbedder.open(2)) {
      small.embed(List.of("a", "b", "c"));
      assertThat(small.cached()).isEqualTo(2);
    }
  }

  @Test
  void namesBecomeTheirWords() {
    assertThat(NameText.words("container_cpu_usage_seconds_total"))
        .isEqualTo("container cpu usage seconds total");
    assertThat(NameText.words("k8s.pod.cpu.time")).isEqualTo("k8s pod cpu time");
    assertThat(NameText.words("getCartItems")).isEqualTo("get cart items");
    assertThat(NameText.words("/api/v1/orders:rate")).isEqualTo("api v1 orders rate");
    assertThat(NameText.words("HTTP GET  /cart")).isEqualTo("http get cart");
  }
}
