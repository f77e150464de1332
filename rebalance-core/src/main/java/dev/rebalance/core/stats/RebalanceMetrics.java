package dev.rebalance.core.stats;

import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.spi.TrackerStore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes {@link RebalanceStats} for one account from its rebalance history.
 *
 * <p><b>Counts and score improvements</b> come from {@link TrackerStore#historyStats} — one
 * aggregate query; the history is not loaded for them. The average is {@code sumScoreDiff / count}.
 * {@code lastRebalance} is the later of {@link TrackerStore#lastRebalance} and the newest swap.
 *
 * <p><b>Payoff.</b> For swap {@code i} with sold quantity {@code q}, sell price {@code s}, buy
 * price {@code b}, and current prices {@code P_new} (of the symbol bought) and {@code P_old} (of
 * the symbol sold):
 *
 * <pre>
 *   amount_i       = q × s                       (the amount swapped)
 *   boughtReturn_i = P_new / b − 1               (what the purchase returned since the swap)
 *   soldReturn_i   = P_old / s − 1               (what the sold shares would have returned)
 *   excessReturn_i = boughtReturn_i − soldReturn_i
 *   payoffAmount_i = amount_i × excessReturn_i   (money gained against not swapping)
 * </pre>
 *
 * and in total, weighted by money over the swaps with payoff:
 *
 * <pre>
 *   amountSwapped = Σ amount_i
 *   boughtReturn  = Σ amount_i × boughtReturn_i / amountSwapped
 *   soldReturn    = Σ amount_i × soldReturn_i / amountSwapped
 *   excessReturn  = boughtReturn − soldReturn     (= payoffAmount / amountSwapped)
 *   payoffAmount  = Σ payoffAmount_i
 * </pre>
 *
 * The formula assumes the proceeds of the sale bought the new symbol, so the bought return is
 * applied to the amount sold. A swap enters the payoff only if its event carries {@code soldQty},
 * {@code sellPrice} and {@code buyPrice} and the {@link PriceSource} knows a positive current price
 * for both symbols; otherwise it is counted in {@link RebalanceStats#swapsWithoutPrices()}
 * (imported history, which has no prices, always is). Each symbol's price is asked for once per
 * computation.
 *
 * <p><b>Precision.</b> Divisions use {@link #MATH_CONTEXT} (34 significant digits, half-even);
 * totals are summed from unrounded per-swap values; every figure returned that is a quotient (the
 * average, returns, payoff amounts) is then rounded to {@link #SCALE} decimal places, half-even,
 * with trailing zeros removed. Sums of inputs ({@code amountSwapped}) and min/max are exact.
 *
 * <p><b>Paging.</b> The payoff reads the history newest first, {@link #PAGE_SIZE} events per query,
 * never all at once. It considers at most the number of swaps counted when it started and skips
 * swaps newer than the newest one then; a swap appended while it pages may still shift a page by
 * one, so figures computed during heavy appending are approximate.
 *
 * <p>Stateless and thread-safe.
 */
public final class RebalanceMetrics {

  /** The context of every division. */
  public static final MathContext MATH_CONTEXT = MathContext.DECIMAL128;

  /** Decimal places of every returned quotient (average, returns, payoff amounts). */
  public static final int SCALE = 10;

  /** Events read per history query when computing the payoff. */
  public static final int PAGE_SIZE = 500;

  private RebalanceMetrics() {}

  /**
   * Computes the statistics and payoff of one account.
   *
   * @param store the store holding the history
   * @param account the account id
   * @param prices current prices; {@link PriceSource#none()} leaves every swap out of the payoff
   * @return the statistics
   * @throws dev.rebalance.api.TrackerStoreException if the store fails
   */
  public static RebalanceStats compute(TrackerStore store, String account, PriceSource prices) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(prices, "prices");
    HistoryStats hs = store.historyStats(account);
    RebalanceStats.Builder b = RebalanceStats.builder().totalRebalances(hs.count());
    if (hs.count() > 0) {
      b.avgScoreImprovement(
          round(hs.sumScoreDiff().divide(BigDecimal.valueOf(hs.count()), MATH_CONTEXT)));
    }
    hs.minScoreDiff().ifPresent(b::minScoreImprovement);
    hs.maxScoreDiff().ifPresent(b::maxScoreImprovement);
    Optional<Instant> last = store.lastRebalance(account);
    Optional<Instant> newest = hs.lastTimestamp();
    if (last.isPresent() && newest.isPresent()) {
      b.lastRebalance(last.get().isAfter(newest.get()) ? last.get() : newest.get());
    } else {
      last.or(() -> newest).ifPresent(b::lastRebalance);
    }

    PriceSource cached = memoize(prices);
    long considered = 0;
    long with = 0;
    long without = 0;
    long paidOff = 0;
    BigDecimal amount = BigDecimal.ZERO;
    BigDecimal weightedBought = BigDecimal.ZERO;
    BigDecimal weightedSold = BigDecimal.ZERO;
    if (hs.count() > 0) {
      Instant newestAtStart = newest.orElseThrow();
      int offset = 0;
      paging:
      while (true) {
        List<RebalanceEvent> page = store.history(account, PAGE_SIZE, offset);
        for (RebalanceEvent e : page) {
          if (considered >= hs.count()) {
            break paging;
          }
          if (e.timestamp().isAfter(newestAtStart)) {
            continue;
          }
          considered++;
          Optional<Raw> raw = raw(e, cached);
          if (raw.isEmpty()) {
            without++;
            continue;
          }
          Raw r = raw.get();
          with++;
          if (r.boughtReturn.subtract(r.soldReturn).signum() > 0) {
            paidOff++;
          }
          amount = amount.add(r.amount);
          weightedBought = weightedBought.add(r.amount.multiply(r.boughtReturn, MATH_CONTEXT));
          weightedSold = weightedSold.add(r.amount.multiply(r.soldReturn, MATH_CONTEXT));
        }
        if (page.size() < PAGE_SIZE) {
          break;
        }
        offset += PAGE_SIZE;
      }
    }
    b.swapsWithPayoff(with).swapsWithoutPrices(without).swapsPaidOff(paidOff).amountSwapped(amount);
    if (with > 0) {
      BigDecimal bought = weightedBought.divide(amount, MATH_CONTEXT);
      BigDecimal sold = weightedSold.divide(amount, MATH_CONTEXT);
      b.boughtReturn(round(bought))
          .soldReturn(round(sold))
          .excessReturn(round(bought.subtract(sold)))
          .payoffAmount(round(weightedBought.subtract(weightedSold)));
    } else {
      b.payoffAmount(BigDecimal.ZERO);
    }
    return b.build();
  }

  /**
   * The payoff of one swap at current prices.
   *
   * @param event the swap
   * @param prices current prices
   * @return the payoff, or empty if a quantity or price it needs is not known
   */
  public static Optional<SwapPayoff> payoff(RebalanceEvent event, PriceSource prices) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(prices, "prices");
    return raw(event, prices)
        .map(
            r ->
                SwapPayoff.builder()
                    .event(event)
                    .currentNewPrice(r.newPrice)
                    .currentOldPrice(r.oldPrice)
                    .amount(r.amount)
                    .boughtReturn(round(r.boughtReturn))
                    .soldReturn(round(r.soldReturn))
                    .excessReturn(round(r.boughtReturn.subtract(r.soldReturn)))
                    .payoffAmount(round(r.amount.multiply(r.boughtReturn.subtract(r.soldReturn))))
                    .build());
  }

  private static Optional<Raw> raw(RebalanceEvent e, PriceSource prices) {
    if (e.soldQty().isEmpty() || e.sellPrice().isEmpty() || e.buyPrice().isEmpty()) {
      return Optional.empty();
    }
    Optional<BigDecimal> pNew = prices.price(e.newSymbol()).filter(p -> p.signum() > 0);
    Optional<BigDecimal> pOld = prices.price(e.oldSymbol()).filter(p -> p.signum() > 0);
    if (pNew.isEmpty() || pOld.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal s = e.sellPrice().get();
    BigDecimal amount = e.soldQty().get().multiply(s);
    BigDecimal rb = pNew.get().divide(e.buyPrice().get(), MATH_CONTEXT).subtract(BigDecimal.ONE);
    BigDecimal rs = pOld.get().divide(s, MATH_CONTEXT).subtract(BigDecimal.ONE);
    return Optional.of(new Raw(amount, rb, rs, pNew.get(), pOld.get()));
  }

  private static PriceSource memoize(PriceSource prices) {
    Map<String, Optional<BigDecimal>> cache = new HashMap<>();
    return symbol -> cache.computeIfAbsent(symbol, prices::price);
  }

  static BigDecimal round(BigDecimal value) {
    BigDecimal r = value.setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return r.scale() < 0 ? r.setScale(0) : r;
  }

  private static final class Raw {
    final BigDecimal amount;
    final BigDecimal boughtReturn;
    final BigDecimal soldReturn;
    final BigDecimal newPrice;
    final BigDecimal oldPrice;

    Raw(BigDecimal amount, BigDecimal rb, BigDecimal rs, BigDecimal newPrice, BigDecimal oldPrice) {
      this.amount = amount;
      this.boughtReturn = rb;
      this.soldReturn = rs;
      this.newPrice = newPrice;
      this.oldPrice = oldPrice;
    }
  }
}
