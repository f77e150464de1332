package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.jdbc.internal.Migration;
import dev.rebalance.jdbc.internal.Migrations;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour of {@link JdbcTrackerStore} that holds for both databases; the SQLite and PostgreSQL
 * test classes supply the database.
 */
abstract class JdbcStoreBehaviour {
  static final Instant T0 = Instant.parse("2026-03-02T14:30:00.123456789Z");
  private final List<JdbcTrackerStore> opened = new ArrayList<>();

  /** A fresh, empty database; repeated calls to {@link #reopen()} open the same one. */
  protected abstract JdbcTrackerStore createStore();

  /** Another store instance over the database of the last {@link #createStore()}. */
  protected abstract JdbcTrackerStore reopen();

  /** A data source over the database of the last {@link #createStore()}. */
  protected abstract DataSource dataSource();

  protected final JdbcTrackerStore track(JdbcTrackerStore store) {
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(JdbcTrackerStore::close);
  }

  static RebalanceEvent event(
      Instant at, String sold, String bought, String oldScore, String newScore) {
    return RebalanceEvent.builder()
        .timestamp(at)
        .oldSymbol(sold)
        .newSymbol(bought)
        .oldScore(new BigDecimal(oldScore))
        .newScore(new BigDecimal(newScore))
        .build();
  }

  @Test
  void entriesRoundTripExactlyWithScaleAndNanoseconds() {
    JdbcTrackerStore store = track(createStore());
    TrackedEntry full =
        TrackedEntry.builder()
            .symbol("AAPL")
            .entryTime(T0)
            .entryPrice(new BigDecimal("187.250"))
            .qty(new BigDecimal("0.000000001"))
            .score(new BigDecimal("1E+3"))
            .reason("momentum")
            .source(EntrySource.RECONCILIATION)
            .build();
    TrackedEntry bare =
        TrackedEntry.builder()
            .symbol("MSFT")
            .entryTime(Instant.ofEpochSecond(-62135596800L, 1))
            .build();
    TrackedEntry extreme = TrackedEntry.builder().symbol("ZZZ").entryTime(Instant.MAX).build();
    store.putEntry("acct", extreme);
    store.putEntry("acct", full);
    store.putEntry("acct", bare);

    assertThat(store.entry("acct", "AAPL")).contains(full);
    assertThat(store.entry("acct", "AAPL").orElseThrow().qty().orElseThrow().scale()).isEqualTo(9);
    assertThat(store.entries("acct")).containsExactly(full, bare, extreme);

    TrackedEntry replaced =
        TrackedEntry.builder().from(full).entryPrice(new BigDecimal("190")).build();
    store.putEntry("acct", replaced);
    assertThat(store.entry("acct", "AAPL")).contains(replaced);
    assertThat(store.removeEntry("acct", "AAPL")).isTrue();
    assertThat(store.removeEntry("acct", "AAPL")).isFalse();
    assertThat(store.entries("acct")).containsExactly(bare, extreme);
  }

  @Test
  void accountsAreIsolated() {
    JdbcTrackerStore store = track(createStore());
    store.putEntry("a", TrackedEntry.builder().symbol("X").entryTime(T0).build());
    store.putLock("a", PositionLock.builder().symbol("X").lockedAt(T0).build());
    store.appendHistory("a", event(T0, "X", "Y", "1", "2"));
    store.setLastRebalance("a", T0);
    assertThat(store.entries("b")).isEmpty();
    assertThat(store.locks("b")).isEmpty();
    assertThat(store.history("b", 10, 0)).isEmpty();
    assertThat(store.historyStats("b")).isEqualTo(HistoryStats.empty());
    assertThat(store.lastRebalance("b")).isEmpty();
    assertThat(store.removeAllLocks("b")).isZero();
    assertThat(store.claimRebalance("b", T0, Duration.ofHours(1))).isTrue();
    assertThat(store.locks("a")).hasSize(1);
    assertThat(store.lastRebalance("a")).contains(T0);
  }

  @Test
  void accountsListsOnlyIdsTheAccountIdRuleAccepts() throws Exception {
    JdbcTrackerStore store = track(createStore());
    store.putLock("acct", PositionLock.builder().symbol("X").lockedAt(T0).build());
    try (var c = dataSource().getConnection();
        var s = c.createStatement()) {
      s.execute(
          "INSERT INTO rebalance_locks (account, symbol, locked_sec, locked_nano)"
              + " VALUES ('bad id!', 'Y', 0, 0), ('', 'Z', 0, 0)");
    }
    assertThat(store.accounts()).containsExactly("acct");
  }

  @Test
  void locksRoundTripAndRemoveAllCounts() {
    JdbcTrackerStore store = track(createStore());
    PositionLock withExpiry =
        PositionLock.builder()
            .symbol("NVDA")
            .reason("earnings")
            .lockedBy("ops")
            .lockedAt(T0)
            .expiresAt(T0.plusNanos(1))
            .build();
    PositionLock forever = PositionLock.builder().symbol("AMD").lockedAt(T0).build();
    store.putLock("acct", withExpiry);
    store.putLock("acct", forever);
    assertThat(store.locks("acct")).containsExactly(forever, withExpiry);
    assertThat(store.removeLock("acct", "AMD")).isTrue();
    assertThat(store.removeLock("acct", "AMD")).isFalse();
    store.putLock("acct", forever);
    assertThat(store.removeAllLocks("acct")).isEqualTo(2);
    assertThat(store.locks("acct")).isEmpty();
  }

  @Test
  void historyIsNewestFirstWithInsertionOrderForEqualTimesAndPages() {
    JdbcTrackerStore store = track(createStore());
    RebalanceEvent older = event(T0, "A", "B", "1", "2");
    RebalanceEvent tie1 = event(T0.plusNanos(1), "C", "D", "1", "2");
    RebalanceEvent tie2 = event(T0.plusNanos(1), "E", "F", "1", "2");
    RebalanceEvent newest = event(T0.plusSeconds(60), "G", "H", "1", "2");
    store.appendHistory("acct", tie1);
    store.appendHistory("acct", newest);
    store.appendHistory("acct", older);
    store.appendHistory("acct", tie2);
    assertThat(store.history("acct", 10, 0)).containsExactly(newest, tie2, tie1, older);
    assertThat(store.history("acct", 2, 1)).containsExactly(tie2, tie1);
    assertThat(store.history("acct", 0, 0)).isEmpty();
    assertThat(store.history("acct", 10, 4)).isEmpty();
    assertThatThrownBy(() -> store.history("acct", -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> store.history("acct", 1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset");
  }

  @Test
  void historyKeepsEveryOptionalFieldExactly() {
    JdbcTrackerStore store = track(createStore());
    RebalanceEvent full =
        RebalanceEvent.builder()
            .timestamp(T0)
            .oldSymbol("PEP")
            .newSymbol("KO")
            .oldScore(new BigDecimal("-3.10"))
            .newScore(new BigDecimal("12.005"))
            .soldQty(new BigDecimal("2.500000000"))
            .sellFraction(new BigDecimal("0.5"))
            .sellPrice(new BigDecimal("170.01"))
            .boughtQty(new BigDecimal("7"))
            .buyPrice(new BigDecimal("61.4"))
            .build();
    store.appendHistory("acct", full);
    assertThat(store.history("acct", 1, 0)).containsExactly(full);
  }

  @Test
  void historyStatsAreExactAggregates() {
    JdbcTrackerStore store = track(createStore());
    // 0.1 + 0.2 is not 0.3 in double arithmetic; the store must sum decimals exactly.
    store.appendHistory("acct", event(T0, "A", "B", "0", "0.1"));
    store.appendHistory("acct", event(T0.plusSeconds(5), "B", "C", "0", "0.2"));
    store.appendHistory("acct", event(T0.minusSeconds(5), "C", "D", "10", "9.25"));
    HistoryStats stats = store.historyStats("acct");
    assertThat(stats.count()).isEqualTo(3);
    assertThat(stats.sumScoreDiff()).isEqualByComparingTo("-0.45");
    assertThat(stats.sumScoreDiff().toString()).isEqualTo("-0.45");
    assertThat(stats.minScoreDiff()).contains(new BigDecimal("-0.75"));
    assertThat(stats.maxScoreDiff()).contains(new BigDecimal("0.2"));
    assertThat(stats.lastTimestamp()).contains(T0.plusSeconds(5));
  }

  @Test
  void appendAllHistoryAppendsInOrderInOneTransaction() {
    JdbcTrackerStore store = track(createStore());
    List<RebalanceEvent> events =
        IntStream.range(0, 2500)
            .mapToObj(i -> event(T0.plusSeconds(i), "S" + i, "B" + i, "1", "2"))
            .toList();
    store.appendAllHistory("acct", events);
    List<RebalanceEvent> newestFirst = new ArrayList<>(events);
    Collections.reverse(newestFirst);
    assertThat(store.history("acct", 3000, 0)).isEqualTo(newestFirst);
    assertThat(store.historyStats("acct").count()).isEqualTo(2500);
  }

  @Test
  void claimIsACompareAndSetOnTheCooldown() {
    JdbcTrackerStore store = track(createStore());
    Duration cooldown = Duration.ofMinutes(60);
    assertThat(store.lastRebalance("acct")).isEmpty();
    assertThat(store.claimRebalance("acct", T0, cooldown)).isTrue();
    assertThat(store.claimRebalance("acct", T0.plus(cooldown).minusNanos(1), cooldown)).isFalse();
    assertThat(store.lastRebalance("acct")).contains(T0);
    assertThat(store.claimRebalance("acct", T0.plus(cooldown), cooldown)).isTrue();
    assertThat(store.lastRebalance("acct")).contains(T0.plus(cooldown));
    assertThat(store.claimRebalance("acct", T0, Duration.ZERO)).isFalse();
    assertThat(store.claimRebalance("acct", T0.plus(cooldown), Duration.ZERO)).isTrue();
    assertThat(store.claimRebalance("other", Instant.MIN, Duration.ofDays(1))).isTrue();
    assertThat(store.claimRebalance("other", Instant.MIN, Duration.ofDays(1))).isFalse();
    store.setLastRebalance("acct", T0.minusSeconds(1));
    assertThat(store.lastRebalance("acct")).contains(T0.minusSeconds(1));
    assertThatThrownBy(() -> store.claimRebalance("acct", T0, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cooldown");
  }

  @Test
  void concurrentClaimsFromTwoStoreInstancesAtTheSameTimeOnlyOneWins() throws Exception {
    JdbcTrackerStore a = track(createStore());
    JdbcTrackerStore b = track(reopen());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 50; round++) {
        Instant at = T0.plus(Duration.ofHours(round));
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Boolean> claimA =
            () -> {
              start.await(10, TimeUnit.SECONDS);
              return a.claimRebalance("acct", at, Duration.ofMinutes(30));
            };
        Callable<Boolean> claimB =
            () -> {
              start.await(10, TimeUnit.SECONDS);
              return b.claimRebalance("acct", at, Duration.ofMinutes(30));
            };
        Future<Boolean> fa = pool.submit(claimA);
        Future<Boolean> fb = pool.submit(claimB);
        assertThat(fa.get() ^ fb.get()).as("exactly one claim wins in round %d", round).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void intentsAreReplacedByIdAndOpenOnesComeOldestFirst() {
    JdbcTrackerStore store = track(createStore());
    SwapIntent first = intent("i-1", T0.plusSeconds(10), SwapStatus.INTENT);
    SwapIntent second = intent("i-2", T0, SwapStatus.SELL_SUBMITTED);
    SwapIntent done = intent("i-3", T0.minusSeconds(10), SwapStatus.COMPLETED);
    store.putIntent("acct", first);
    store.putIntent("acct", second);
    store.putIntent("acct", done);
    assertThat(store.openIntents("acct")).containsExactly(second, first);
    SwapIntent failed =
        SwapIntent.builder()
            .from(first)
            .status(SwapStatus.FAILED)
            .detail("buy rejected")
            .sellOrderId("o-1")
            .sellFilledQty(new BigDecimal("3"))
            .sellPrice(new BigDecimal("10.50"))
            .buyOrderId("o-2")
            .buyFilledQty(new BigDecimal("1.5"))
            .buyPrice(new BigDecimal("20.000"))
            .updatedAt(T0.plusSeconds(99))
            .build();
    store.putIntent("acct", failed);
    assertThat(store.openIntents("acct")).containsExactly(second);
    assertThat(store.intent("acct", "i-1")).contains(failed);
    assertThat(store.intent("acct", "i-3")).contains(done);
    assertThat(store.intent("other", "i-1")).isEmpty();
  }

  static SwapIntent intent(String id, Instant created, SwapStatus status) {
    return SwapIntent.builder()
        .id(id)
        .createdAt(created)
        .updatedAt(created)
        .status(status)
        .sellSymbol("PEP")
        .sellQty(new BigDecimal("3"))
        .sellFraction(new BigDecimal("0.50"))
        .buySymbol("KO")
        .oldScore(new BigDecimal("1.5"))
        .newScore(new BigDecimal("15"))
        .build();
  }

  @Test
  void reopeningKeepsEverything() {
    JdbcTrackerStore store = createStore();
    TrackedEntry entry = TrackedEntry.builder().symbol("A").entryTime(T0).build();
    PositionLock lock = PositionLock.builder().symbol("A").lockedAt(T0).build();
    RebalanceEvent event = event(T0, "A", "B", "1", "2.5");
    store.putEntry("acct", entry);
    store.putLock("acct", lock);
    store.appendHistory("acct", event);
    store.setLastRebalance("acct", T0);
    store.putIntent("acct", intent("i", T0, SwapStatus.INTENT));
    store.close();
    store.close(); // idempotent

    JdbcTrackerStore again = track(reopen());
    assertThat(again.entries("acct")).containsExactly(entry);
    assertThat(again.locks("acct")).containsExactly(lock);
    assertThat(again.history("acct", 5, 0)).containsExactly(event);
    assertThat(again.lastRebalance("acct")).contains(T0);
    assertThat(again.openIntents("acct")).extracting(SwapIntent::id).containsExactly("i");
    assertThat(again.schemaVersion()).isEqualTo(JdbcTrackerStore.supportedSchemaVersion());
  }

  @Test
  void aClosedStoreFailsWithATrackerStoreExceptionNamingTheOperation() {
    JdbcTrackerStore store = createStore();
    store.close();
    assertThatThrownBy(() -> store.entries("acct"))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("read entries")
        .hasMessageContaining("closed")
        .hasCauseInstanceOf(SQLException.class);
  }

  @Test
  void sqlFailuresBecomeTrackerStoreExceptionsWithTheCauseAndOperation() throws Exception {
    JdbcTrackerStore store = track(createStore());
    try (var c = dataSource().getConnection();
        var s = c.createStatement()) {
      s.execute("DROP TABLE rebalance_history");
    }
    assertThatThrownBy(() -> store.appendHistory("acct", event(T0, "A", "B", "1", "2")))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("append history")
        .hasMessageContaining("'acct'")
        .hasMessageContaining("rebalance_history")
        .hasCauseInstanceOf(SQLException.class);
    // The store stays usable for everything else.
    store.setLastRebalance("acct", T0);
    assertThat(store.lastRebalance("acct")).contains(T0);
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    JdbcTrackerStore store = track(createStore());
    assertThatThrownBy(() -> store.entries(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("account");
    assertThatThrownBy(() -> store.claimRebalance("a", T0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cooldown");
  }

  @Test
  void aSchemaNewerThanThisBuildIsRefusedNamingBothVersions() {
    track(createStore()).close();
    int next = Migrations.standard().latest() + 1;
    Migration future =
        new Migration(
            next,
            "future",
            List.of("CREATE TABLE future_thing (x INTEGER)"),
            List.of("CREATE TABLE future_thing (x INTEGER)"));
    JdbcTrackerStore upgraded =
        JdbcTrackerStore.create(dataSource(), Migrations.standard().with(future));
    assertThat(upgraded.schemaVersion()).isEqualTo(next);
    upgraded.close();

    assertThatThrownBy(this::reopen)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("schema version " + next)
        .hasMessageContaining("up to " + (next - 1))
        .hasMessageContaining("upgrade rebalance-jdbc");
  }

  @Test
  void migratingAnOlderSchemaAppliesOnlyTheMissingSteps() {
    JdbcTrackerStore store = createStore();
    store.appendHistory("acct", event(T0, "A", "B", "1", "2"));
    store.close();
    int next = Migrations.standard().latest() + 1;
    Migration v2 =
        new Migration(
            next,
            "add a table",
            List.of("CREATE TABLE rebalance_extra (x INTEGER)"),
            List.of("CREATE TABLE rebalance_extra (x INTEGER)"));
    Migrations two = Migrations.standard().with(v2);
    JdbcTrackerStore upgraded = track(JdbcTrackerStore.create(dataSource(), two));
    assertThat(upgraded.schemaVersion()).isEqualTo(next);
    assertThat(upgraded.history("acct", 5, 0)).hasSize(1);
    // Opening again with the same steps applies nothing twice (CREATE TABLE would fail).
    track(JdbcTrackerStore.create(dataSource(), two));
  }

  @Test
  void aVersion1DatabaseOpensWithItsHistoryAndGainsSwapIdsAndFills() throws Exception {
    track(JdbcTrackerStore.create(dataSource(), Migrations.standard().upTo(1))).close();
    try (var c = dataSource().getConnection();
        var s = c.createStatement()) {
      // A row as version 1 wrote it: no swap_id column yet.
      s.execute(
          "INSERT INTO rebalance_history (account, ts_sec, ts_nano, old_symbol, new_symbol,"
              + " old_score, new_score, score_diff) VALUES ('acct', "
              + T0.getEpochSecond()
              + ", 0, 'A', 'B', '1', '2', '1')");
    }
    JdbcTrackerStore upgraded = track(reopen());
    assertThat(upgraded.schemaVersion()).isEqualTo(JdbcTrackerStore.supportedSchemaVersion());
    assertThat(upgraded.history("acct", 5, 0))
        .singleElement()
        .satisfies(e -> assertThat(e.swapId()).isEmpty());
    RebalanceEvent swap =
        RebalanceEvent.builder()
            .from(event(T0.plusSeconds(60), "B", "C", "1", "3"))
            .swapId("s-1")
            .build();
    assertThat(upgraded.appendHistory("acct", swap)).isTrue();
    assertThat(upgraded.appendHistory("acct", swap)).isFalse();
    assertThat(upgraded.applyFill("acct", "f-1", dev.rebalance.api.EntryChange.none())).isTrue();
    assertThat(upgraded.historyStats("acct").count()).isEqualTo(2);
  }
}
