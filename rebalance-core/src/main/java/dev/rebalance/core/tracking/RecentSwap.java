package dev.rebalance.core.tracking;

import dev.rebalance.api.Identifiers;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.core.config.RebalanceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A swap the account made recently, as the guards need it: when, what was sold, and what was
 * bought. The re-entry block reads {@link #sold()}; the turnover budget counts {@link #at()}.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class RecentSwap {

  /** When the swap happened. */
  public abstract Instant at();

  /** The symbol sold. */
  public abstract String sold();

  /** The symbol bought, when known. */
  public abstract Optional<String> bought();

  @Value.Check
  void check() {
    Identifiers.checkSymbol("sold", sold());
    bought().ifPresent(b -> Identifiers.checkSymbol("bought", b));
  }

  /**
   * A recent swap.
   *
   * @param at when
   * @param sold the symbol sold
   * @param bought the symbol bought
   * @return the swap
   */
  public static RecentSwap of(Instant at, String sold, String bought) {
    return builder().at(at).sold(sold).bought(bought).build();
  }

  /**
   * The swaps among {@code events} (a store's history, in any order) that happened less than {@code
   * window} before {@code now} and not after it — what a {@link TrackerState} needs when the
   * longest guard window in use is {@code window} ({@link RebalanceConfig#guardWindow()}). Read the
   * store's history only as far back as that window; the engine never needs more.
   *
   * @param events rebalance events
   * @param now the decision time
   * @param window how far back to keep, {@code >= 0}
   * @return the recent swaps, oldest first
   */
  public static List<RecentSwap> fromHistory(
      List<RebalanceEvent> events, Instant now, Duration window) {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(window, "window");
    List<RecentSwap> out = new ArrayList<>();
    for (RebalanceEvent e : events) {
      Instant at = e.timestamp();
      if (!at.isAfter(now) && Duration.between(at, now).compareTo(window) < 0) {
        out.add(of(at, e.oldSymbol(), e.newSymbol()));
      }
    }
    out.sort((a, b) -> a.at().compareTo(b.at()));
    return out;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RecentSwap}; not thread-safe. */
  public static final class Builder extends ImmutableRecentSwap.Builder {
    Builder() {}
  }
}
