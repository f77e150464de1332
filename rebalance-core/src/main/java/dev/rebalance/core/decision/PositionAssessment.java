package dev.rebalance.core.decision;

import java.util.List;
import org.immutables.value.Value;

/**
 * One held position's eligibility to be sold in a scan, with every reason that applies.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class PositionAssessment {
  /** The ticker. */
  public abstract String symbol();

  /** Every reason the position may not be sold, in {@link IneligibilityReason} order. */
  public abstract List<IneligibilityReason> reasons();

  /** Whether it may be sold: true exactly when {@link #reasons()} is empty. */
  @Value.Derived
  public boolean eligible() {
    return reasons().isEmpty();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PositionAssessment}; not thread-safe. */
  public static final class Builder extends ImmutablePositionAssessment.Builder {
    Builder() {}
  }
}
