package dev.rebalance.api.broker;

import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * A broker account's balances at one moment.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class AccountSnapshot {
  /** The broker's account id. */
  public abstract String id();

  /** Cash; may be negative on margin. */
  public abstract BigDecimal cash();

  /** Cash plus the market value of positions. */
  public abstract BigDecimal equity();

  /** What may be spent on new purchases. */
  public abstract BigDecimal buyingPower();

  /** Whether the broker accepts orders now (not blocked or suspended). */
  @Value.Default
  public boolean tradingAllowed() {
    return true;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AccountSnapshot}; not thread-safe. */
  public static final class Builder extends ImmutableAccountSnapshot.Builder {
    Builder() {}
  }
}
