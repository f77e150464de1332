package dev.rebalance.core.tracking;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Why a position was bought, as the bot knew it when it placed the order: the score and a short
 * reason. {@link PositionTracker} stores both on the entry when the fill opens a position from
 * flat; fills that add to or reduce an open position ignore it.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class EntryContext {

  /** The score the symbol had when it was bought, when known. */
  public abstract Optional<BigDecimal> score();

  /** Why it was bought ("momentum", "rebalance from PEP"), when known. */
  public abstract Optional<String> reason();

  /** A context that knows nothing: the entry gets no score and no reason. */
  public static EntryContext none() {
    return builder().build();
  }

  /**
   * A context with both a score and a reason.
   *
   * @param score the score at the purchase
   * @param reason why it was bought
   * @return the context
   */
  public static EntryContext of(BigDecimal score, String reason) {
    return builder().score(score).reason(reason).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link EntryContext}; not thread-safe. */
  public static final class Builder extends ImmutableEntryContext.Builder {
    Builder() {}
  }
}
