package dev.rebalance.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * When and how an open position was entered: the time of the fill that opened it from flat, the
 * average entry price, and the score and reason it was bought for.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class TrackedEntry {

  /** The ticker. */
  public abstract String symbol();

  /** The time of the fill that opened the position from flat. */
  public abstract Instant entryTime();

  /** The average entry price, when known. */
  public abstract Optional<BigDecimal> entryPrice();

  /** The quantity the tracker believes is held, when known. */
  public abstract Optional<BigDecimal> qty();

  /** The score the position was bought at, when known. */
  public abstract Optional<BigDecimal> score();

  /** Why it was bought ("momentum", "rebalance from PEP"), when known. */
  public abstract Optional<String> reason();

  /** Where {@link #entryTime()} came from. Default {@link EntrySource#FILL}. */
  @Value.Default
  public EntrySource source() {
    return EntrySource.FILL;
  }

  @Value.Check
  void check() {
    Validation.symbol("symbol", symbol());
    entryPrice().ifPresent(p -> Validation.positive("entryPrice", p));
    qty().ifPresent(q -> Validation.nonNegative("qty", q));
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TrackedEntry}; not thread-safe. */
  public static final class Builder extends ImmutableTrackedEntry.Builder {
    Builder() {}
  }
}
