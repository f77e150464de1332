package dev.rebalance.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Aggregates over one account's rebalance history, computed by the store without loading the whole
 * history.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class HistoryStats {

  /** The number of swaps recorded. */
  public abstract long count();

  /** The sum of every swap's score difference; zero when there are none. */
  public abstract BigDecimal sumScoreDiff();

  /** The smallest score difference; empty when there are no swaps. */
  public abstract Optional<BigDecimal> minScoreDiff();

  /** The largest score difference; empty when there are no swaps. */
  public abstract Optional<BigDecimal> maxScoreDiff();

  /** The newest swap's timestamp; empty when there are no swaps. */
  public abstract Optional<Instant> lastTimestamp();

  /** The statistics of an empty history. */
  public static HistoryStats empty() {
    return builder().count(0).sumScoreDiff(BigDecimal.ZERO).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link HistoryStats}; not thread-safe. */
  public static final class Builder extends ImmutableHistoryStats.Builder {
    Builder() {}
  }
}
