package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.RebalanceEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clause 4: the history is append-only and read newest first: latest timestamp first, and the
 * latest insert first for equal timestamps, with {@code limit} and {@code offset}; {@code
 * historyStats} aggregates all of it.
 *
 * <p>If this fails: check the sort (descending timestamp, then descending insertion sequence — a
 * store that returns file or row order fails when events are appended out of time order), that
 * offset is applied before limit, that equal events are both kept (no de-duplication), and that the
 * statistics cover the whole history, with the newest <em>timestamp</em>, not the last appended
 * event, as {@code lastTimestamp}.
 *
 * <p>Run as {@code TrackerStoreContract.Clause4History} ("Clause 4: history").
 */
abstract class HistoryClause extends ContractClause {

  HistoryClause(TrackerStoreContract contract) {
    super(contract);
  }

  @Test
  @DisplayName("Events read back equal to what was written, newest first.")
  void clause4_historyIsNewestFirst() {
    RebalanceEvent first = TrackerFixtures.event(t(0));
    RebalanceEvent second = TrackerFixtures.event(t(60), "TSLA", "NVDA", "75.3", "90.05");
    RebalanceEvent third = TrackerFixtures.bareEvent(t(120), "10", "12.5");
    store.appendHistory(ACCOUNT, first);
    store.appendHistory(ACCOUNT, second);
    store.appendHistory(ACCOUNT, third);
    assertThat(store.history(ACCOUNT, 10, 0))
        .as("clause 4: history must be newest first and equal to what was appended")
        .containsExactly(third, second, first);
  }

  @Test
  @DisplayName("Events appended out of time order still come back ordered by timestamp.")
  void clause4_historyIsOrderedByTimestampNotInsertion() {
    store.appendHistory(ACCOUNT, TrackerFixtures.event(t(60)));
    store.appendHistory(ACCOUNT, TrackerFixtures.event(t(0)));
    store.appendHistory(ACCOUNT, TrackerFixtures.event(t(120)));
    store.appendHistory(ACCOUNT, TrackerFixtures.event(t(30)));
    assertThat(store.history(ACCOUNT, 10, 0))
        .as("clause 4: history must be ordered by timestamp, newest first")
        .extracting(RebalanceEvent::timestamp)
        .containsExactly(t(120), t(60), t(30), t(0));
    assertThat(store.history(ACCOUNT, 2, 1))
        .as("clause 4: history(limit 2, offset 1) over out-of-order appends")
        .extracting(RebalanceEvent::timestamp)
        .containsExactly(t(60), t(30));
  }

  @Test
  @DisplayName(
      "Events with equal timestamps come back newest insertion first, and none is dropped.")
  void clause4_equalTimestampsAreNewestInsertionFirst() {
    RebalanceEvent a = TrackerFixtures.event(t(0), "A", "B", "1", "2");
    RebalanceEvent b = TrackerFixtures.event(t(0), "C", "D", "1", "3");
    store.appendHistory(ACCOUNT, a);
    store.appendHistory(ACCOUNT, b);
    store.appendHistory(ACCOUNT, a);
    assertThat(store.history(ACCOUNT, 10, 0))
        .as("clause 4: equal timestamps, newest insertion first; duplicates are kept")
        .containsExactly(a, b, a);
  }

  @Test
  @DisplayName("limit and offset page through the history without gaps or repeats.")
  void clause4_limitAndOffsetPage() {
    List<RebalanceEvent> appended = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      RebalanceEvent e = TrackerFixtures.event(t(i), "S" + i, "N" + i, "1", String.valueOf(i));
      appended.add(e);
      store.appendHistory(ACCOUNT, e);
    }
    List<RebalanceEvent> paged = new ArrayList<>();
    for (int offset = 0; offset < 30; offset += 10) {
      paged.addAll(store.history(ACCOUNT, 10, offset));
    }
    List<RebalanceEvent> expected = new ArrayList<>(appended);
    java.util.Collections.reverse(expected);
    assertThat(paged).as("clause 4: pages of 10 concatenated").containsExactlyElementsOf(expected);
    assertThat(store.history(ACCOUNT, 0, 0)).as("clause 4: limit 0").isEmpty();
    assertThat(store.history(ACCOUNT, 5, 25)).as("clause 4: offset == size").isEmpty();
    assertThat(store.history(ACCOUNT, 5, 1000)).as("clause 4: offset beyond size").isEmpty();
    assertThat(store.history(ACCOUNT, Integer.MAX_VALUE, 0))
        .as("clause 4: limit Integer.MAX_VALUE")
        .hasSize(25);
    assertThat(store.history(ACCOUNT, 3, 22))
        .as("clause 4: the last, partial page")
        .containsExactlyElementsOf(expected.subList(22, 25));
  }

  @Test
  @DisplayName("Statistics aggregate count, sum, min, max and the newest timestamp.")
  void clause4_statsAggregateTheWholeHistory() {
    store.appendHistory(ACCOUNT, TrackerFixtures.event(t(60), "A", "B", "52.1", "75.3"));
    store.appendHistory(ACCOUNT, TrackerFixtures.event(t(120), "C", "D", "10", "20.05"));
    store.appendHistory(ACCOUNT, TrackerFixtures.event(t(30), "E", "F", "30", "26.9"));
    HistoryStats expected =
        HistoryStats.builder()
            .count(3)
            .sumScoreDiff(new BigDecimal("30.15"))
            .minScoreDiff(new BigDecimal("-3.1"))
            .maxScoreDiff(new BigDecimal("23.2"))
            .lastTimestamp(t(120))
            .build();
    assertStatsEqual(store.historyStats(ACCOUNT), expected, "clause 4");
  }

  @Test
  @DisplayName("Statistics of an empty history are a zero count and no min, max or last.")
  void clause4_statsOfEmptyHistory() {
    assertStatsEqual(store.historyStats(ACCOUNT), HistoryStats.empty(), "clause 4, empty history");
    assertThat(store.history(ACCOUNT, 50, 0)).as("clause 4: empty history").isEmpty();
  }

  @Test
  @DisplayName("The history list is an immutable snapshot.")
  void clause4_historyListIsAnImmutableSnapshot() {
    store.appendHistory(ACCOUNT, TrackerFixtures.event(t(0)));
    List<RebalanceEvent> before = store.history(ACCOUNT, 10, 0);
    store.appendHistory(ACCOUNT, TrackerFixtures.event(t(1)));
    assertThat(before).as("clause 4: a list returned before a later append").hasSize(1);
    assertThatThrownBy(() -> before.remove(0), "clause 4: history() must be immutable")
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
