package dev.rebalance.tck.broker;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.broker.AccountSnapshot;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.OrderSide;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@link InMemoryBroker}'s cash and positions: what fills change. Not thread-safe; the broker
 * guards it.
 */
final class Ledger {
  private static final String ACCOUNT_ID = "in-memory";

  private record Holding(BigDecimal qty, BigDecimal avgPrice) {}

  private BigDecimal cash;
  private final Map<String, Holding> holdings = new TreeMap<>();

  Ledger(BigDecimal cash) {
    this.cash = cash;
  }

  void hold(String symbol, BigDecimal qty, BigDecimal avgPrice) {
    holdings.put(symbol, new Holding(qty, avgPrice));
  }

  boolean holds(String symbol) {
    return holdings.containsKey(symbol);
  }

  BigDecimal held(String symbol) {
    Holding h = holdings.get(symbol);
    return h == null ? BigDecimal.ZERO : h.qty();
  }

  /** Applies a fill; returns the position's quantity after it. */
  BigDecimal settle(String symbol, OrderSide side, BigDecimal qty, BigDecimal price) {
    Holding h = holdings.get(symbol);
    BigDecimal held = held(symbol);
    if (side == OrderSide.BUY) {
      cash = cash.subtract(qty.multiply(price));
      BigDecimal after = held.add(qty);
      BigDecimal avg =
          h == null
              ? price
              : h.avgPrice()
                  .multiply(held)
                  .add(price.multiply(qty))
                  .divide(after, 9, RoundingMode.HALF_EVEN);
      holdings.put(symbol, new Holding(after, avg));
      return after;
    }
    if (h == null || held.compareTo(qty) < 0) {
      throw new BrokerException(
          "cannot sell "
              + qty.toPlainString()
              + " "
              + symbol
              + ", holding "
              + held.toPlainString());
    }
    cash = cash.add(qty.multiply(price));
    BigDecimal after = held.subtract(qty);
    if (after.signum() == 0) {
      holdings.remove(symbol);
    } else {
      holdings.put(symbol, new Holding(after, h.avgPrice()));
    }
    return after;
  }

  AccountSnapshot account(Function<String, Optional<BigDecimal>> prices) {
    BigDecimal equity = cash;
    for (Map.Entry<String, Holding> h : holdings.entrySet()) {
      BigDecimal price = prices.apply(h.getKey()).orElse(h.getValue().avgPrice());
      equity = equity.add(h.getValue().qty().multiply(price));
    }
    return AccountSnapshot.builder()
        .id(ACCOUNT_ID)
        .cash(cash)
        .equity(equity)
        .buyingPower(cash)
        .build();
  }

  List<BrokerPosition> positions(Function<String, Optional<BigDecimal>> prices) {
    return holdings.keySet().stream().map(s -> position(s, prices).orElseThrow()).toList();
  }

  Optional<BrokerPosition> position(String symbol, Function<String, Optional<BigDecimal>> prices) {
    Holding h = holdings.get(symbol);
    if (h == null) {
      return Optional.empty();
    }
    BigDecimal price = prices.apply(symbol).orElse(h.avgPrice());
    BigDecimal pl =
        price
            .subtract(h.avgPrice())
            .multiply(BigDecimal.valueOf(100))
            .divide(h.avgPrice(), 4, RoundingMode.HALF_EVEN);
    return Optional.of(
        BrokerPosition.builder()
            .symbol(symbol)
            .qty(h.qty())
            .qtyAvailable(h.qty())
            .avgEntryPrice(h.avgPrice())
            .currentPrice(price)
            .marketValue(h.qty().multiply(price))
            .unrealizedPlPct(pl)
            .build());
  }
}
