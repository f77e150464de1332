package dev.rebalance.api.broker;

import org.immutables.value.Value;

/**
 * What the broker says about a symbol: whether it trades, and whether in fractions.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class Asset {
  /** The ticker. */
  public abstract String symbol();

  /** Whether it can be traded now. */
  public abstract boolean tradable();

  /** Whether fractional quantities (and notional orders) are accepted. */
  public abstract boolean fractionable();

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Asset}; not thread-safe. */
  public static final class Builder extends ImmutableAsset.Builder {
    Builder() {}
  }
}
