package dev.rebalance.core.config;

import java.time.Duration;
import org.immutables.value.Value;

/**
 * The turnover budget setting: at most {@link #swaps()} swaps in any window of length {@link
 * #window()}. Validated when built: {@code swaps >= 1}, {@code window > 0} (and at most {@link
 * ConfigChecks#MAX_DURATION}); messages name the field ({@code turnoverBudget.swaps must be >= 1,
 * was 0}).
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class TurnoverBudget {

  /** The most swaps allowed in any window; {@code >= 1}. */
  @Value.Parameter
  public abstract int swaps();

  /** The window's length; {@code > 0}. */
  @Value.Parameter
  public abstract Duration window();

  @Value.Check
  void check() {
    ConfigChecks.turnoverSwaps("turnoverBudget.swaps", swaps());
    ConfigChecks.positive("turnoverBudget.window", window());
  }

  /**
   * A budget of {@code swaps} swaps per {@code window}.
   *
   * @param swaps {@code >= 1}
   * @param window {@code > 0}
   * @return the budget
   * @throws dev.rebalance.api.InvalidConfigException if a value is out of range
   */
  public static TurnoverBudget of(int swaps, Duration window) {
    return ImmutableTurnoverBudget.of(swaps, window);
  }
}
