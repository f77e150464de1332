package dev.rebalance.tck;

import static dev.rebalance.tck.TrackerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.TrackedEntry;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clause 2: {@code putEntry} inserts or replaces by symbol; {@code entries} returns every open
 * entry ordered by symbol; {@code removeEntry} deletes one and says whether it existed; values read
 * back equal the values written.
 *
 * <p>If this fails: check that every field is stored (the optional ones too, and the entry source),
 * that decimals keep their scale ({@code 168.50} is not {@code 168.5}: store them as text or with
 * their scale), that instants keep at least microseconds, that a second put of the same symbol
 * replaces rather than duplicates, and that the returned list is an immutable snapshot.
 *
 * <p>Run as {@code TrackerStoreContract.Clause2Entries} ("Clause 2: entries").
 */
abstract class EntriesClause extends ContractClause {

  EntriesClause(TrackerStoreContract contract) {
    super(contract);
  }

  @Test
  @DisplayName("An entry with every field set reads back equal to what was written.")
  void clause2_entryRoundTripsEveryField() {
    TrackedEntry e = TrackerFixtures.entry("BRK.B", T0.plusNanos(123_456_000));
    store.putEntry(ACCOUNT, e);
    assertThat(store.entry(ACCOUNT, "BRK.B")).as("clause 2: entry read back").contains(e);
    assertThat(store.entries(ACCOUNT)).as("clause 2: entries read back").containsExactly(e);
  }

  @ParameterizedTest(name = "source {0}")
  @EnumSource(EntrySource.class)
  @DisplayName("An entry with only mandatory fields reads back equal, whatever its source.")
  void clause2_bareEntryRoundTripsWithEachSource(EntrySource source) {
    TrackedEntry e = TrackerFixtures.bareEntry("PEP", T0, source);
    store.putEntry(ACCOUNT, e);
    assertThat(store.entry(ACCOUNT, "PEP"))
        .as("clause 2: an entry without price, quantity, score and reason, source %s", source)
        .contains(e);
  }

  @Test
  @DisplayName("Putting an entry for a symbol already tracked replaces it.")
  void clause2_putReplacesBySymbol() {
    store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL", t(0)));
    TrackedEntry newer =
        TrackedEntry.builder()
            .from(TrackerFixtures.entry("AAPL", t(5)))
            .entryPrice(new BigDecimal("170.00"))
            .build();
    store.putEntry(ACCOUNT, newer);
    assertThat(store.entries(ACCOUNT))
        .as("clause 2: entries after two puts for AAPL")
        .containsExactly(newer);
  }

  @Test
  @DisplayName("Entries come back ordered by symbol, whatever the order they were written in.")
  void clause2_entriesAreOrderedBySymbol() {
    for (String s : List.of("TSLA", "AAPL", "MSFT", "BRK.B", "A")) {
      store.putEntry(ACCOUNT, TrackerFixtures.entry(s));
    }
    assertThat(store.entries(ACCOUNT))
        .as("clause 2: entries must be ordered by symbol")
        .extracting(TrackedEntry::symbol)
        .containsExactly("A", "AAPL", "BRK.B", "MSFT", "TSLA");
  }

  @Test
  @DisplayName("Removing an entry reports whether it existed, and removes only that entry.")
  void clause2_removeReportsWhetherItExisted() {
    store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
    store.putEntry(ACCOUNT, TrackerFixtures.entry("MSFT"));
    assertThat(store.removeEntry(ACCOUNT, "AAPL")).as("clause 2: first removeEntry(AAPL)").isTrue();
    assertThat(store.removeEntry(ACCOUNT, "AAPL"))
        .as("clause 2: second removeEntry(AAPL)")
        .isFalse();
    assertThat(store.removeEntry(ACCOUNT, "NVDA"))
        .as("clause 2: removeEntry(never tracked)")
        .isFalse();
    assertThat(store.entry(ACCOUNT, "AAPL")).as("clause 2: entry(AAPL) after removal").isEmpty();
    assertThat(store.entries(ACCOUNT))
        .as("clause 2: the other entry survives")
        .extracting(TrackedEntry::symbol)
        .containsExactly("MSFT");
  }

  @Test
  @DisplayName("The list of entries is an immutable snapshot, unaffected by later writes.")
  void clause2_entriesListIsAnImmutableSnapshot() {
    store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
    List<TrackedEntry> before = store.entries(ACCOUNT);
    store.putEntry(ACCOUNT, TrackerFixtures.entry("MSFT"));
    assertThat(before).as("clause 2: a list returned before a later put").hasSize(1);
    assertThatThrownBy(
            () -> before.add(TrackerFixtures.entry("X")), "clause 2: entries() must be immutable")
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
