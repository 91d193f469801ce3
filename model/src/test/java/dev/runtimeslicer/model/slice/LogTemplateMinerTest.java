package dev.runtimeslicer.model.slice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class LogTemplateMinerTest {

  private final LogMessageNormalizer normalizer = new LogMessageNormalizer(64);

  @Test
  void masksObviousVariables() {
    assertThat(
            normalizer.tokens(
                "GET /cart 200 in 13.5ms from 10.0.0.12:8080 trace"
                    + " 0087f677c0a2cf3f80a551987167911b"))
        .containsExactly("GET", "/cart", "<*>", "in", "<*>", "from", "<*>", "trace", "<*>");
  }

  @Test
  void takesTheMessageOfAStructuredBody() {
    String body =
        "{\"timestamp\": \"2022-08-22T05:18:42.908318Z\", \"severity\": \"INFO\", \"message\":"
            + " \"List Recommendations for user 42\"}";

    assertThat(normalizer.tokens(body))
        .containsExactly("List", "Recommendations", "for", "user", "<*>");
  }

  @Test
  void linesOfOneTemplateShareItAndTheTemplateWidens() {
    LogTemplateMiner miner = new LogTemplateMiner(10);

    int first = miner.match(normalizer.tokens("user alice added item to cart"));
    int second = miner.match(normalizer.tokens("user bob added item to cart"));
    int other = miner.match(normalizer.tokens("payment declined for order"));

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(miner.template(first)).isEqualTo("user <*> added item to cart");
    assertThat(miner.template(other)).isEqualTo("payment declined for order");
  }

  @Test
  void dissimilarLinesOfEqualLengthGetTheirOwnTemplates() {
    LogTemplateMiner miner = new LogTemplateMiner(10);

    int a = miner.match(normalizer.tokens("connection to redis refused"));
    int b = miner.match(normalizer.tokens("connection pool exhausted waiting"));

    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void newTemplatesBeyondTheBoundOverflowButKnownOnesStillMatch() {
    LogTemplateMiner miner = new LogTemplateMiner(2);
    int known = miner.match(normalizer.tokens("alpha happened"));
    miner.match(normalizer.tokens("beta occurred here"));

    int overflow = miner.match(normalizer.tokens("gamma is brand new text"));
    int again = miner.match(normalizer.tokens("alpha happened"));

    assertThat(overflow).isEqualTo(LogTemplateMiner.OVERFLOW);
    assertThat(miner.template(overflow)).isEqualTo(LogTemplateMiner.OVERFLOW_TEMPLATE);
    assertThat(again).isEqualTo(known);
    assertThat(miner.size()).isEqualTo(2);
  }

  @Test
  void survivesAStateRoundTrip() throws Exception {
    LogTemplateMiner miner = new LogTemplateMiner(10);
    int id = miner.match(normalizer.tokens("user alice logged in"));
    miner.match(normalizer.tokens("user bob logged in"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PaneStateCodec.writeMiner(miner, new DataOutputStream(bytes));

    LogTemplateMiner restored =
        PaneStateCodec.readMiner(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(restored.template(id)).isEqualTo("user <*> logged in");
    assertThat(restored.match(normalizer.tokens("user carol logged in"))).isEqualTo(id);
  }

  @Test
  void severityFromNumberOrText() {
    assertThat(LogSeverity.of(9, "")).isEqualTo(LogSeverity.INFO);
    assertThat(LogSeverity.of(17, "")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.of(24, "")).isEqualTo(LogSeverity.FATAL);
    assertThat(LogSeverity.of(0, "warning")).isEqualTo(LogSeverity.WARN);
    assertThat(LogSeverity.of(0, "Error")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.of(0, "")).isEqualTo(LogSeverity.UNSPECIFIED);
  }

  @Test
  void linesPastTheTemplateLimitLeaveNothingBehind() {
    LogTemplateMiner miner = new LogTemplateMiner(4);
    for (int i = 0; i < 10_000; i++) {
      // a new first token and length every line: a new group each time
      miner.match(java.util.Collections.nCopies(1 + i % 50, "word" + i));
    }
    assertThat(miner.size()).isEqualTo(4);
    assertThat(miner.groupCount()).isLessThanOrEqualTo(4);
  }
}
