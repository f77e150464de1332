package dev.rebalance.api;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A person's instruction not to sell a symbol in a rebalance, optionally until a point in time.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class PositionLock {

  /** The locked ticker. */
  public abstract String symbol();

  /** Why it is locked, when given. */
  public abstract Optional<String> reason();

  /** Who locked it, when given. */
  public abstract Optional<String> lockedBy();

  /** When it was locked. */
  public abstract Instant lockedAt();

  /** When the lock stops applying; empty means never. */
  public abstract Optional<Instant> expiresAt();

  /**
   * Whether the lock applies at {@code now}: it does unless it has an expiry at or before {@code
   * now}.
   *
   * @param now the time to check
   * @return true if the lock still applies
   */
  public final boolean isActiveAt(Instant now) {
    return expiresAt().map(now::isBefore).orElse(true);
  }

  @Value.Check
  void check() {
    Validation.symbol("symbol", symbol());
    expiresAt()
        .ifPresent(
            e -> {
              if (!e.isAfter(lockedAt())) {
                throw new IllegalArgumentException(
                    "expiresAt must be after lockedAt (" + lockedAt() + "), was " + e);
              }
            });
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PositionLock}; not thread-safe. */
  public static final class Builder extends ImmutablePositionLock.Builder {
    Builder() {}
  }
}
