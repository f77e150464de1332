package dev.rebalance.core.store.internal;

import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.RebalanceEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The running aggregates of one account's history, maintained on every append so {@code
 * historyStats} is O(1): count, sum, min and max of the score differences, the newest timestamp,
 * and whether the events were appended in timestamp order (which lets a file-backed store read the
 * newest events from the end of its file). Mutable; guarded by the owning store's lock.
 */
public final class HistoryAggregate {
  private long count;
  private BigDecimal sum = BigDecimal.ZERO;
  private @Nullable BigDecimal min;
  private @Nullable BigDecimal max;
  private @Nullable Instant newest;
  private boolean inTimeOrder = true;

  /** An empty aggregate. */
  public HistoryAggregate() {}

  /**
   * Restores an aggregate from its stored fields.
   *
   * @param count the number of events
   * @param sum the sum of score differences
   * @param min the smallest difference, null when empty
   * @param max the largest difference, null when empty
   * @param newest the newest timestamp, null when empty
   * @param inTimeOrder whether every event was appended at or after the newest before it
   */
  public HistoryAggregate(
      long count,
      BigDecimal sum,
      @Nullable BigDecimal min,
      @Nullable BigDecimal max,
      @Nullable Instant newest,
      boolean inTimeOrder) {
    this.count = count;
    this.sum = sum;
    this.min = min;
    this.max = max;
    this.newest = newest;
    this.inTimeOrder = inTimeOrder;
  }

  /**
   * Folds one appended event in.
   *
   * @param e the event
   */
  public void add(RebalanceEvent e) {
    BigDecimal d = e.scoreDiff();
    count++;
    sum = sum.add(d);
    min = min == null || d.compareTo(min) < 0 ? d : min;
    max = max == null || d.compareTo(max) > 0 ? d : max;
    if (newest != null && e.timestamp().isBefore(newest)) {
      inTimeOrder = false;
    }
    newest = newest == null || e.timestamp().isAfter(newest) ? e.timestamp() : newest;
  }

  /** The aggregates as the SPI's value. */
  public HistoryStats stats() {
    if (count == 0) {
      return HistoryStats.empty();
    }
    return HistoryStats.builder()
        .count(count)
        .sumScoreDiff(sum)
        .minScoreDiff(Optional.ofNullable(min))
        .maxScoreDiff(Optional.ofNullable(max))
        .lastTimestamp(Optional.ofNullable(newest))
        .build();
  }

  /** The number of events. */
  public long count() {
    return count;
  }

  /** The sum of score differences. */
  public BigDecimal sum() {
    return sum;
  }

  /** The smallest difference, or null. */
  public @Nullable BigDecimal min() {
    return min;
  }

  /** The largest difference, or null. */
  public @Nullable BigDecimal max() {
    return max;
  }

  /** The newest timestamp, or null. */
  public @Nullable Instant newest() {
    return newest;
  }

  /** Whether every event was appended at or after the newest one before it. */
  public boolean inTimeOrder() {
    return inTimeOrder;
  }

  /** A copy. */
  public HistoryAggregate copy() {
    return new HistoryAggregate(count, sum, min, max, newest, inTimeOrder);
  }
}
