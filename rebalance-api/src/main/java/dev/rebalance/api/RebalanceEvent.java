package dev.rebalance.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One completed swap in the rebalance history: what was sold, what was bought, the scores and the
 * prices at the swap.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class RebalanceEvent {

  /** When the swap happened (the time of the decision, or of the sale's fill). */
  public abstract Instant timestamp();

  /** The symbol sold. */
  public abstract String oldSymbol();

  /** The symbol bought. */
  public abstract String newSymbol();

  /** The sold position's score at the swap. */
  public abstract BigDecimal oldScore();

  /** The bought candidate's score at the swap. */
  public abstract BigDecimal newScore();

  /** {@code newScore - oldScore}, exact. */
  @Value.Derived
  public BigDecimal scoreDiff() {
    return newScore().subtract(oldScore());
  }

  /** The quantity sold, when known (imported history may lack it). */
  public abstract Optional<BigDecimal> soldQty();

  /** The fraction of the position sold, when known; in (0, 1]. */
  public abstract Optional<BigDecimal> sellFraction();

  /** The average price the sale filled at, when known. */
  public abstract Optional<BigDecimal> sellPrice();

  /** The quantity bought, when known. */
  public abstract Optional<BigDecimal> boughtQty();

  /** The average price the purchase filled at, when known. */
  public abstract Optional<BigDecimal> buyPrice();

  /**
   * The id of the swap this event records, when known (imported history lacks it). A store keeps at
   * most one event per swap id and account (TrackerStore clause 11), so recording a swap twice (a
   * retry, a second instance) stores it once. 1 to {@value #MAX_SWAP_ID_LENGTH} printable ASCII
   * characters.
   */
  public abstract Optional<String> swapId();

  /** The longest swap id accepted. */
  public static final int MAX_SWAP_ID_LENGTH = 200;

  @Value.Check
  void check() {
    Validation.symbol("oldSymbol", oldSymbol());
    Validation.symbol("newSymbol", newSymbol());
    soldQty().ifPresent(q -> Validation.positive("soldQty", q));
    boughtQty().ifPresent(q -> Validation.positive("boughtQty", q));
    sellPrice().ifPresent(p -> Validation.positive("sellPrice", p));
    buyPrice().ifPresent(p -> Validation.positive("buyPrice", p));
    swapId()
        .ifPresent(
            id -> {
              if (id.isEmpty()
                  || id.length() > MAX_SWAP_ID_LENGTH
                  || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException(
                    "swapId must be 1 to "
                        + MAX_SWAP_ID_LENGTH
                        + " printable ASCII characters without spaces, was "
                        + Identifiers.quote(id));
              }
            });
    sellFraction()
        .ifPresent(
            f -> {
              if (f.signum() <= 0 || f.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException(
                    "sellFraction must be in (0, 1], was " + f.toPlainString());
              }
            });
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RebalanceEvent}; not thread-safe. */
  public static final class Builder extends ImmutableRebalanceEvent.Builder {
    Builder() {}
  }
}
