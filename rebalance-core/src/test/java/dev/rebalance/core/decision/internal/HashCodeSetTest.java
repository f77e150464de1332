package dev.rebalance.core.decision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashCodeSetTest {

  @Test
  void agreesWithHashSetWhenFilledToItsMaximum() {
    Random random = new Random(11);
    for (int n : new int[] {0, 1, 7, 8, 9, 100, 10_000, 10_923}) {
      HashCodeSet set = new HashCodeSet(n);
      Set<Integer> reference = new HashSet<>();
      for (int i = 0; i < n; i++) {
        // Nearly consecutive values (like tickers' hash codes), some repeats, and zero.
        int h = random.nextInt(4) == 0 ? random.nextInt(n + 1) - n / 2 : 1_000_000 + i;
        assertThat(set.add(h)).as("n=%d, add %d", n, h).isEqualTo(reference.add(h));
      }
    }
  }

  @Test
  void zeroIsAHashCodeLikeAnyOther() {
    HashCodeSet set = new HashCodeSet(2);
    assertThat(set.add(0)).isTrue();
    assertThat(set.add(0)).isFalse();
    assertThat(set.add(1)).isTrue();
    assertThat(set.add(1)).isFalse();
  }
}
