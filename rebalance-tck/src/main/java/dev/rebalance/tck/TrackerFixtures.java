package dev.rebalance.tck;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Sample values for store tests: fully populated entries, locks, history events and swap intents
 * whose decimals carry deliberate scales ({@code 168.50}) so a store that loses a trailing zero is
 * caught. Each method returns a builder-made value; use the value type's {@code with*} methods or
 * builders to vary it.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrackerFixtures {
  /** The default time fixtures use: 2025-11-25T14:30:00Z (microsecond precision, as SQL keeps). */
  public static final Instant T0 = MutableClock.DEFAULT_START;

  private TrackerFixtures() {}

  /**
   * An entry with every optional field set.
   *
   * @param symbol the ticker
   * @param entryTime the entry time
   * @return the entry
   */
  public static TrackedEntry entry(String symbol, Instant entryTime) {
    return TrackedEntry.builder()
        .symbol(symbol)
        .entryTime(entryTime)
        .entryPrice(new BigDecimal("168.50"))
        .qty(new BigDecimal("12.000000001"))
        .score(new BigDecimal("52.10"))
        .reason("momentum")
        .source(EntrySource.FILL)
        .build();
  }

  /**
   * An entry at {@link #T0} with every optional field set.
   *
   * @param symbol the ticker
   * @return the entry
   */
  public static TrackedEntry entry(String symbol) {
    return entry(symbol, T0);
  }

  /**
   * An entry with only the mandatory fields (no price, quantity, score or reason).
   *
   * @param symbol the ticker
   * @param entryTime the entry time
   * @param source where the time came from
   * @return the entry
   */
  public static TrackedEntry bareEntry(String symbol, Instant entryTime, EntrySource source) {
    return TrackedEntry.builder().symbol(symbol).entryTime(entryTime).source(source).build();
  }

  /**
   * A lock without expiry, with reason and author.
   *
   * @param symbol the ticker
   * @param lockedAt when it was locked
   * @return the lock
   */
  public static PositionLock lock(String symbol, Instant lockedAt) {
    return PositionLock.builder()
        .symbol(symbol)
        .reason("long-term hold")
        .lockedBy("alice")
        .lockedAt(lockedAt)
        .build();
  }

  /**
   * A lock at {@link #T0} without expiry.
   *
   * @param symbol the ticker
   * @return the lock
   */
  public static PositionLock lock(String symbol) {
    return lock(symbol, T0);
  }

  /**
   * A lock that expires {@code lifetime} after {@code lockedAt}.
   *
   * @param symbol the ticker
   * @param lockedAt when it was locked
   * @param lifetime how long it applies; positive
   * @return the lock
   */
  public static PositionLock expiringLock(String symbol, Instant lockedAt, Duration lifetime) {
    return PositionLock.builder()
        .symbol(symbol)
        .reason("earnings")
        .lockedAt(lockedAt)
        .expiresAt(lockedAt.plus(lifetime))
        .build();
  }

  /**
   * A history event with every optional field set.
   *
   * @param timestamp when the swap happened
   * @param oldSymbol the symbol sold
   * @param newSymbol the symbol bought
   * @param oldScore the sold position's score
   * @param newScore the bought candidate's score
   * @return the event
   */
  public static RebalanceEvent event(
      Instant timestamp, String oldSymbol, String newSymbol, String oldScore, String newScore) {
    return RebalanceEvent.builder()
        .timestamp(timestamp)
        .oldSymbol(oldSymbol)
        .newSymbol(newSymbol)
        .oldScore(new BigDecimal(oldScore))
        .newScore(new BigDecimal(newScore))
        .soldQty(new BigDecimal("100"))
        .sellFraction(new BigDecimal("0.50"))
        .sellPrice(new BigDecimal("170.25"))
        .boughtQty(new BigDecimal("7.123456789"))
        .buyPrice(new BigDecimal("401.10"))
        .build();
  }

  /**
   * A history event PEP to TSLA (52.1 to 75.3) at {@code timestamp}.
   *
   * @param timestamp when the swap happened
   * @return the event
   */
  public static RebalanceEvent event(Instant timestamp) {
    return event(timestamp, "PEP", "TSLA", "52.1", "75.3");
  }

  /**
   * A history event with only the mandatory fields, as an import of the original bot's file makes.
   *
   * @param timestamp when the swap happened
   * @param oldScore the sold position's score
   * @param newScore the bought candidate's score
   * @return the event
   */
  public static RebalanceEvent bareEvent(Instant timestamp, String oldScore, String newScore) {
    return RebalanceEvent.builder()
        .timestamp(timestamp)
        .oldSymbol("PEP")
        .newSymbol("TSLA")
        .oldScore(new BigDecimal(oldScore))
        .newScore(new BigDecimal(newScore))
        .build();
  }

  /**
   * A swap intent selling PEP for TSLA.
   *
   * @param id the intent id (1 to 40 characters)
   * @param createdAt when it was recorded
   * @param status its step
   * @return the intent
   */
  public static SwapIntent intent(String id, Instant createdAt, SwapStatus status) {
    return intent(id, createdAt, createdAt, status);
  }

  /**
   * A swap intent selling PEP for TSLA that last changed at {@code updatedAt}: give intents update
   * times in another order than their creation times to check what a store orders by.
   *
   * @param id the intent id (1 to 40 characters)
   * @param createdAt when it was recorded
   * @param updatedAt when it last changed (not before {@code createdAt})
   * @param status its step
   * @return the intent
   */
  public static SwapIntent intent(
      String id, Instant createdAt, Instant updatedAt, SwapStatus status) {
    SwapIntent.Builder b =
        SwapIntent.builder()
            .id(id)
            .createdAt(createdAt)
            .updatedAt(updatedAt)
            .status(status)
            .sellSymbol("PEP")
            .sellQty(new BigDecimal("50"))
            .sellFraction(new BigDecimal("0.5"))
            .buySymbol("TSLA")
            .oldScore(new BigDecimal("52.1"))
            .newScore(new BigDecimal("75.30"));
    if (status.ordinal() >= SwapStatus.SELL_SUBMITTED.ordinal()) {
      b.sellOrderId("sell-" + id);
    }
    if (status.ordinal() >= SwapStatus.SELL_FILLED.ordinal()) {
      b.sellFilledQty(new BigDecimal("50")).sellPrice(new BigDecimal("170.25"));
    }
    if (status == SwapStatus.FAILED) {
      b.detail("buy rejected: insufficient buying power");
    }
    return b.build();
  }
}
