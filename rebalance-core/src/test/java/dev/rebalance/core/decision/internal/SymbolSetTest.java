package dev.rebalance.core.decision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SymbolSetTest {

  @Test
  void equalHashCodesAreNotDuplicates() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    SymbolSet set = new SymbolSet(2);
    assertThat(set.add("Aa")).isTrue();
    assertThat(set.add("BB")).isTrue();
    assertThat(set.add("Aa")).isFalse();
    assertThat(set.add(new String("BB"))).isFalse();
    assertThat(set.contains("Aa")).isTrue();
    assertThat(set.contains("C#")).isFalse();
  }

  @Test
  void agreesWithHashSetWhenFilledToItsMaximum() {
    Random random = new Random(7);
    int n = 10_000;
    SymbolSet set = new SymbolSet(n);
    Set<String> reference = new HashSet<>();
    for (int i = 0; i < n; i++) {
      // Similar tickers (nearly consecutive hash codes) and some repeats.
      String s = String.format("C%05d", random.nextInt(3 * n / 2));
      assertThat(set.add(s)).as(s).isEqualTo(reference.add(s));
    }
    for (int i = 0; i < 3 * n / 2; i++) {
      String s = String.format("C%05d", i);
      assertThat(set.contains(s)).as(s).isEqualTo(reference.contains(s));
    }
  }

  @Test
  void worksForTinySizes() {
    SymbolSet empty = new SymbolSet(0);
    assertThat(empty.add("A")).isTrue();
    SymbolSet one = new SymbolSet(1);
    assertThat(one.add("A")).isTrue();
    assertThat(one.add("A")).isFalse();
  }
}
