package dev.rebalance.core.execution.internal;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.decision.CooldownPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Claims one account's cooldown slot for a decision, under the rebalancer's own cooldown policy.
 * The claim is a compare-and-set against the last rebalance read just before: it fails when the
 * policy says the cooldown still runs, and when anyone claimed after that read, so two executors
 * sharing a store never both start swaps inside one cooldown window.
 *
 * <p>Holds no mutable state; thread-safe as far as its store is.
 */
public final class CooldownClaim {
  private final TrackerStore store;
  private final String account;
  private final CooldownPolicy cooldown;

  /**
   * A claim for one account.
   *
   * @param store the store holding the last rebalance
   * @param account the account id
   * @param cooldown the policy the decision was made with
   */
  public CooldownClaim(TrackerStore store, String account, CooldownPolicy cooldown) {
    this.store = store;
    this.account = account;
    this.cooldown = cooldown;
  }

  /**
   * Claims the slot for a decision made at {@code at}.
   *
   * @param at the decision time
   * @return true when this call took the slot
   */
  boolean claim(Instant at) {
    Optional<Instant> last = store.lastRebalance(account);
    Duration window;
    if (last.isPresent()) {
      if (!cooldown.remaining(last.get(), at).isZero()) {
        return false;
      }
      // Succeeds only while the stored last rebalance is still the one read above (or older).
      window = Duration.between(last.get(), at);
      if (window.isNegative()) {
        return false;
      }
    } else {
      // No swap yet: a concurrent claim at any time up to `at` must make this one fail.
      window = cooldown.remaining(at, at);
    }
    return store.claimRebalance(account, at, window);
  }

  /**
   * The detail of a lost claim, naming the last rebalance as the store has it now.
   *
   * @return the detail
   */
  String lostDetail() {
    return "the cooldown slot was already taken (last rebalance "
        + store.lastRebalance(account).map(Object::toString).orElse("unknown")
        + "); no order was placed";
  }
}
