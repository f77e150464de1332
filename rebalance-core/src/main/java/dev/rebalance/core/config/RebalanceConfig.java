package dev.rebalance.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The rebalancing settings. Immutable and validated when built; an invalid value fails with an
 * {@link dev.rebalance.api.InvalidConfigException} naming the field, the value and the allowed
 * range.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class RebalanceConfig {

  /** Whether rebalancing happens at all. Default {@code true}. */
  @Value.Default
  public boolean enabled() {
    return true;
  }

  /**
   * The minimum score improvement for a swap: a swap happens when {@code best - weakest >=
   * scoreThreshold}. Default 10.0; {@code >= 0}.
   */
  @Value.Default
  public BigDecimal scoreThreshold() {
    return BigDecimal.TEN;
  }

  /** How long a position must be held before it may be sold. Default 30 minutes; {@code >= 0}. */
  @Value.Default
  public Duration minHoldTime() {
    return Duration.ofMinutes(30);
  }

  /** The minimum time between two rebalances. Default 60 minutes; {@code >= 0}. */
  @Value.Default
  public Duration cooldown() {
    return Duration.ofMinutes(60);
  }

  /** The fraction of the weakest position to sell. Default 1 (all of it); in (0, 1]. */
  @Value.Default
  public BigDecimal sellFraction() {
    return BigDecimal.ONE;
  }

  /**
   * What to do with positions whose entry time is unknown. Default {@link
   * UnknownEntryTimeRule#BLOCK}.
   */
  @Value.Default
  public UnknownEntryTimeRule unknownEntryTime() {
    return UnknownEntryTimeRule.BLOCK;
  }

  /** The most swaps one scan may make. Default 1; {@code >= 1}. */
  @Value.Default
  public int maxSwapsPerScan() {
    return 1;
  }

  /**
   * How long a symbol sold by a swap is not bought back: blocked while {@code now - sold <
   * reentryBlock}. Default {@code PT0S} (off); {@code >= 0}.
   */
  @Value.Default
  public Duration reentryBlock() {
    return Duration.ZERO;
  }

  /** At most so many swaps in any window of this length. Default absent (off). */
  public abstract Optional<TurnoverBudget> turnoverBudget();

  /** The cost gate: a swap must earn more than it costs. Default absent (off). */
  public abstract Optional<CostSettings> costs();

  /**
   * The longest window a guard looks back over ({@link #reentryBlock()}, the turnover budget's
   * window): how much of the history a {@code TrackerState}'s recent swaps need. Zero when neither
   * guard is on.
   *
   * @return the window
   */
  public final Duration guardWindow() {
    Duration w = reentryBlock();
    if (turnoverBudget().isPresent() && turnoverBudget().get().window().compareTo(w) > 0) {
      w = turnoverBudget().get().window();
    }
    return w;
  }

  @Value.Check
  void check() {
    ConfigChecks.check(this);
  }

  /** The defaults. */
  public static RebalanceConfig defaults() {
    return builder().build();
  }

  /** A new builder with every attribute at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RebalanceConfig}; not thread-safe. */
  public static final class Builder extends ImmutableRebalanceConfig.Builder {
    Builder() {}
  }
}
