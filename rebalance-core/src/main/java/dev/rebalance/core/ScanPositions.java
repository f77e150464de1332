package dev.rebalance.core;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.broker.Asset;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.PositionSide;
import dev.rebalance.core.log.LogEvents;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session hands the engine: the held positions (long, scored, with the broker's price and
 * fractionable flag), the candidates, and, when a swap is due, the best candidates priced. Asset
 * facts are cached for the session's life. Thread-safe.
 */
final class ScanPositions {
  private static final Logger log = LoggerFactory.getLogger(RebalanceSession.class);

  private final Broker broker;
  private final String account;
  private final int pricedCandidates;
  private final Map<String, Asset> assets = new ConcurrentHashMap<>();

  ScanPositions(Broker broker, String account, int pricedCandidates) {
    this.broker = broker;
    this.account = account;
    this.pricedCandidates = pricedCandidates;
  }

  List<HeldPosition> held(
      List<BrokerPosition> positions,
      ScanInput input,
      Map<String, String> excluded,
      StepFailures failures) {
    List<HeldPosition> held = new ArrayList<>(positions.size());
    for (BrokerPosition p : positions) {
      String why = null;
      BigDecimal score = input.scores().get(p.symbol());
      if (p.side() == PositionSide.SHORT) {
        why = "short position (qty " + p.qty().toPlainString() + "): never sold by a swap";
      } else if (p.qty().signum() == 0) {
        continue;
      } else if (score == null) {
        why = "no score given for a held symbol: not sold by a swap";
      } else if (!Identifiers.isValidSymbol(p.symbol())) {
        why = "symbol breaks the symbol rule: " + Identifiers.quote(p.symbol());
      }
      if (why != null) {
        excluded.put(p.symbol(), why);
        log.atInfo()
            .setMessage(LogEvents.POSITION_EXCLUDED)
            .addKeyValue("account", account)
            .addKeyValue("symbol", p.symbol())
            .addKeyValue("reason", why)
            .log();
        continue;
      }
      held.add(
          HeldPosition.builder()
              .symbol(p.symbol())
              .qty(p.qty())
              .price(p.currentPrice().or(() -> Optional.ofNullable(input.prices().get(p.symbol()))))
              .score(Objects.requireNonNull(score, "score")) // a position without one was excluded
              .fractionable(fractionable(p.symbol(), failures))
              .build());
    }
    return held;
  }

  static List<Candidate> candidates(ScanInput input, List<BrokerPosition> positions) {
    Set<String> held = new HashSet<>();
    positions.forEach(p -> held.add(p.symbol()));
    List<Candidate> out = new ArrayList<>(input.scores().size());
    for (Map.Entry<String, BigDecimal> e : input.scores().entrySet()) {
      if (!held.contains(e.getKey())) {
        out.add(
            Candidate.builder()
                .symbol(e.getKey())
                .score(e.getValue())
                .price(Optional.ofNullable(input.prices().get(e.getKey())))
                .build());
      }
    }
    return out;
  }

  /**
   * The candidates with the {@link RebalanceSession.Builder#pricedCandidates} best priced from the
   * input or the broker, and their fractionable flag from the broker; the rest keep an unknown
   * price (which never makes a candidate unaffordable).
   */
  List<Candidate> priced(List<Candidate> candidates, ScanInput input, StepFailures failures) {
    List<Candidate> ranked = new ArrayList<>(candidates);
    ranked.sort(Comparator.comparing(Candidate::score).reversed().thenComparing(Candidate::symbol));
    List<Candidate> out = new ArrayList<>(ranked.size());
    for (int i = 0; i < ranked.size(); i++) {
      Candidate c = ranked.get(i);
      if (i >= pricedCandidates) {
        out.add(c);
        continue;
      }
      Optional<BigDecimal> price = Optional.ofNullable(input.prices().get(c.symbol()));
      if (price.isEmpty()) {
        try {
          price = broker.latestPrice(c.symbol());
        } catch (BrokerException e) {
          failures.add("price " + c.symbol(), e);
        }
      }
      out.add(
          Candidate.builder()
              .symbol(c.symbol())
              .score(c.score())
              .price(price)
              .fractionable(fractionable(c.symbol(), failures))
              .spreadBps(c.spreadBps())
              .build());
    }
    return out;
  }

  private boolean fractionable(String symbol, StepFailures failures) {
    Asset a = assets.get(symbol);
    if (a == null) {
      try {
        Optional<Asset> fetched = broker.asset(symbol);
        if (fetched.isEmpty()) {
          return false;
        }
        a = fetched.get();
        assets.put(symbol, a);
      } catch (BrokerException e) {
        failures.add("asset " + symbol, e);
        return false; // whole shares: the safe assumption
      }
    }
    return a.fractionable();
  }
}
