package dev.runtimeslicer.model.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.slice.RecordIds.Offer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

  @Test
  void knowsEveryIdItTookAmongManyRandomOnesAndNoOther() {
    RecordIds ids = new RecordIds();
    Random random = new Random(11);
    Set<Long> taken = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      long id =
          random.nextInt(3) == 0 && !taken.isEmpty() ? taken.iterator().next() : random.nextLong();
      Offer expected = taken.add(id) ? Offer.NEW : Offer.SEEN;
      assertThat(ids.offer(id, Integer.MAX_VALUE)).isEqualTo(expected);
    }
    assertThat(ids.size()).isEqualTo(taken.size());
    RecordIds restored = new RecordIds();
    restored.restore(ids.toArray());
    for (long id : taken) {
      assertThat(restored.offer(id, Integer.MAX_VALUE)).isEqualTo(Offer.SEEN);
    }
  }

  @Test
  void takesNoMoreThanItsCapacityAndStillKnowsWhatItHolds() {
    RecordIds ids = new RecordIds();
    assertThat(ids.offer(0, 2)).isEqualTo(Offer.NEW); // zero is an id like any other
    assertThat(ids.offer(7, 2)).isEqualTo(Offer.NEW);
    assertThat(ids.offer(8, 2)).isEqualTo(Offer.FULL);
    assertThat(ids.offer(0, 2)).isEqualTo(Offer.SEEN);
    assertThat(ids.offer(7, 2)).isEqualTo(Offer.SEEN);
    assertThat(ids.size()).isEqualTo(2);
  }
}
