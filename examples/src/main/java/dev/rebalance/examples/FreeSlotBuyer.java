package dev.rebalance.examples;

import dev.rebalance.api.broker.Asset;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import dev.rebalance.core.RebalanceSession;
import dev.rebalance.core.tracking.EntryContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The example bot's buying into free slots: while the account holds fewer positions than the bot's
 * maximum, the best-scored symbols it does not hold are bought with market orders, and the session
 * is told each order's score so the fill is tracked with it.
 *
 * <p>Not thread-safe; the bot calls it from its scan.
 */
final class FreeSlotBuyer {
  private final Broker broker;
  private final RebalanceSession session;
  private final BotListener listener;
  private final int maxPositions;
  private final Map<String, Asset> assets = new HashMap<>();

  FreeSlotBuyer(Broker broker, RebalanceSession session, BotListener listener, int maxPositions) {
    this.broker = broker;
    this.session = session;
    this.listener = listener;
    this.maxPositions = maxPositions;
  }

  /**
   * Buys the best-scored symbols not held, one per free slot, with equal weights: each slot gets at
   * most 1/maxPositions of equity, and never more than the cash.
   *
   * @param now the scan's time (in the client order ids)
   * @param held the symbols held
   * @param scores the scan's scores
   */
  void fill(Instant now, Set<String> held, Map<String, BigDecimal> scores) {
    int free = maxPositions - held.size();
    List<Map.Entry<String, BigDecimal>> best = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> e : scores.entrySet()) {
      if (!held.contains(e.getKey())) {
        best.add(e);
      }
    }
    best.sort(
        Map.Entry.<String, BigDecimal>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    BigDecimal cash = broker.account().cash();
    BigDecimal equity = broker.account().equity();
    // Equal weights: each slot gets at most 1/maxPositions of equity, and never more than the cash.
    BigDecimal perSlot = equity.divide(BigDecimal.valueOf(maxPositions), 2, RoundingMode.DOWN);
    for (int i = 0; i < best.size() && free > 0; i++) {
      String symbol = best.get(i).getKey();
      BigDecimal budget = perSlot.min(cash.divide(BigDecimal.valueOf(free), 2, RoundingMode.DOWN));
      Optional<BigDecimal> price = broker.latestPrice(symbol);
      if (price.isEmpty() || budget.signum() <= 0) {
        continue;
      }
      boolean fractionable = asset(symbol).map(Asset::fractionable).orElse(false);
      OrderRequest.Builder req =
          OrderRequest.builder()
              .clientOrderId(clientId("b", now, symbol))
              .symbol(symbol)
              .side(OrderSide.BUY);
      if (fractionable) {
        req.notional(budget.multiply(new BigDecimal("0.995")).setScale(2, RoundingMode.DOWN));
      } else {
        BigDecimal qty =
            budget.multiply(new BigDecimal("0.995")).divide(price.get(), 0, RoundingMode.DOWN);
        if (qty.signum() <= 0) {
          continue;
        }
        req.qty(qty);
      }
      Order o = broker.submitOrder(req.build());
      session.expectFill(o.id(), EntryContext.of(best.get(i).getValue(), "free slot"));
      if (o.status() == OrderStatus.FILLED) {
        listener.onBuy(
            now,
            symbol,
            o.filledQty(),
            o.filledAvgPrice().orElse(price.get()),
            best.get(i).getValue());
        cash = broker.account().cash();
        free--;
      }
    }
  }

  private static String clientId(String kind, Instant at, String symbol) {
    String id = kind + "-" + at.getEpochSecond() + "-" + symbol;
    return id.length() <= 48 ? id : id.substring(0, 48);
  }

  private Optional<Asset> asset(String symbol) {
    Asset a = assets.get(symbol);
    if (a == null) {
      Optional<Asset> fetched = broker.asset(symbol);
      fetched.ifPresent(x -> assets.put(symbol, x));
      return fetched;
    }
    return Optional.of(a);
  }
}
