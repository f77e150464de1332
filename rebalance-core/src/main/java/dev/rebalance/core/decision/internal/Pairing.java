package dev.rebalance.core.decision.internal;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.decision.CostEstimate;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.PartialSellSizer;
import dev.rebalance.core.decision.Swap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Step 5 of a decision: pairs the i-th weakest eligible position with the best remaining candidate
 * it can afford, while each pair clears the threshold, sizes to more than zero and passes the cost
 * gate. Not thread-safe; one instance lives inside one decision.
 */
final class Pairing {
  final List<Swap> swaps = new ArrayList<>(1);

  /** Candidates passed over as unaffordable, not yet bought. */
  final Set<Candidate> unaffordable = new LinkedHashSet<>();

  @Nullable DecisionReason hold;
  @Nullable Swap prevented;
  @Nullable BigDecimal firstDiff;
  @Nullable HeldPosition firstWeakest;
  @Nullable Candidate firstBest;

  private final BigDecimal threshold;
  private final PartialSellSizer sizer;
  private final Guards guards;

  Pairing(BigDecimal threshold, PartialSellSizer sizer, Guards guards) {
    this.threshold = threshold;
    this.sizer = sizer;
    this.guards = guards;
  }

  /**
   * Pairs {@code sells} (weakest first) with candidates.
   *
   * @param sells the weakest eligible positions, weakest first, at most the swap limit
   * @param top the best candidates not held and not blocked, best first; a prefix of the full
   *     ranking
   * @param complete whether {@code top} holds every such candidate
   * @param fullRanking every such candidate, best first, for when a walk passes the end of {@code
   *     top}
   */
  void pair(
      List<HeldPosition> sells,
      List<Candidate> top,
      boolean complete,
      Supplier<List<Candidate>> fullRanking) {
    List<Candidate> pool = new ArrayList<>(top);
    boolean poolComplete = complete;
    for (int i = 0; i < sells.size(); i++) {
      HeldPosition sell = sells.get(i);
      boolean first = i == 0;
      if (pool.isEmpty() && !poolComplete) {
        pool = remaining(fullRanking.get());
        poolComplete = true;
      }
      if (pool.isEmpty()) {
        return;
      }
      Candidate best = pool.get(0);
      BigDecimal diff = best.score().subtract(sell.score());
      if (first) {
        firstDiff = diff;
        firstWeakest = sell;
        firstBest = best;
      }
      if (diff.compareTo(threshold) < 0) {
        stop(first, DecisionReason.BELOW_THRESHOLD);
        return;
      }
      BigDecimal qty = checkedQty(sell);
      if (qty.signum() == 0) {
        stop(first, DecisionReason.SIZE_ROUNDS_TO_ZERO);
        return;
      }
      // Affordability: the first candidate, best first, that clears the threshold and can be
      // bought; those walked past are unaffordable (for now: a later sale may buy one).
      int chosen = -1;
      for (int j = 0; ; j++) {
        if (j == pool.size()) {
          if (poolComplete) {
            break;
          }
          pool = remaining(fullRanking.get());
          poolComplete = true;
          j = -1;
          continue;
        }
        Candidate c = pool.get(j);
        if (c.score().subtract(sell.score()).compareTo(threshold) < 0) {
          break;
        }
        if (guards.affordability().canBuy(sell, qty, c)) {
          chosen = j;
          break;
        }
        unaffordable.add(c);
      }
      if (chosen < 0) {
        if (first) {
          prevented = swap(sell, qty, best, Optional.empty());
        }
        stop(first, DecisionReason.NO_AFFORDABLE_CANDIDATE);
        return;
      }
      Candidate buy = pool.get(chosen);
      BigDecimal buyDiff = buy.score().subtract(sell.score());
      Optional<CostEstimate> cost =
          Objects.requireNonNull(
              guards.costGate().estimate(buyDiff, sell, buy), "costGate returned null");
      if (cost.isPresent() && !cost.get().worthIt()) {
        if (first) {
          prevented = swap(sell, qty, buy, cost);
        }
        stop(first, DecisionReason.COST_EXCEEDS_EDGE);
        return;
      }
      swaps.add(swap(sell, qty, buy, cost));
      pool.remove(chosen);
      unaffordable.remove(buy);
    }
  }

  private Swap swap(HeldPosition sell, BigDecimal qty, Candidate buy, Optional<CostEstimate> cost) {
    return Swap.builder()
        .sell(sell.symbol())
        .sellQty(qty)
        .sellFraction(sizer.fraction())
        .sellPrice(sell.price())
        .buy(buy.symbol())
        .oldScore(sell.score())
        .newScore(buy.score())
        .edgeBps(cost.map(CostEstimate::edgeBps))
        .costBps(cost.map(CostEstimate::costBps))
        .build();
  }

  /** The full ranking without the candidates already bought. */
  private List<Candidate> remaining(List<Candidate> ranking) {
    List<Candidate> out = new ArrayList<>(ranking.size());
    for (Candidate c : ranking) {
      if (!bought(c)) {
        out.add(c);
      }
    }
    return out;
  }

  private boolean bought(Candidate c) {
    for (Swap s : swaps) {
      if (s.buy().equals(c.symbol())) {
        return true;
      }
    }
    return false;
  }

  private void stop(boolean first, DecisionReason reason) {
    if (first) {
      hold = reason;
    }
  }

  private BigDecimal checkedQty(HeldPosition sell) {
    BigDecimal qty =
        Objects.requireNonNull(sizer.sellQty(sell), "sizer returned null for " + sell.symbol());
    if (qty.signum() < 0 || qty.compareTo(sell.qty()) > 0) {
      throw new IllegalStateException(
          "sizer returned "
              + qty.toPlainString()
              + " for "
              + sell.symbol()
              + ", which holds "
              + sell.qty().toPlainString()
              + "; a sell quantity must be in [0, held]");
    }
    return qty;
  }
}
