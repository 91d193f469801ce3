package dev.runtimeslicer.model.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceMentionsTest {

  private final ServiceMentions mentions =
      new ServiceMentions(List.of("cart", "social-graph", "social-graph-service", "frontend"));

  @Test
  void aNameCountsAsAWholeWordOnly() {
    assertEquals("cart", mentions.other("Connection refused: cart:7070", "frontend"));
    assertEquals("cart", mentions.other("call to cart/GetCart failed", "frontend"));
    assertNull(mentions.other("cartservice started", "frontend"));
    assertNull(mentions.other("shopping_cart_items=<*>", "frontend"));
  }

  @Test
  void theLongestNameWins() {
    assertEquals(
        "social-graph-service",
        mentions.other(
            "UNAVAILABLE: io exception: Connection refused: social-graph-service:50051",
            "frontend"));
  }

  @Test
  void aServiceNamingItselfNamesNoOther() {
    assertNull(mentions.other("frontend listening on <*>", "frontend"));
    assertEquals("cart", mentions.other("frontend gave up on cart after <*> tries", "frontend"));
  }
}
