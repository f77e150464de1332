package dev.rebalance.cli;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.config.CostSettings;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.TurnoverBudget;
import dev.rebalance.core.decision.CandidateReason;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.SkippedCandidate;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.tracking.RecentSwap;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The guards' part of {@code explain --format text}: the re-entry block, the turnover budget,
 * affordability and the cost gate, in words and with their arithmetic ({@code edge 20 bps < cost 35
 * bps}). Every symbol printed has passed the one symbol rule, so no value can forge a line.
 *
 * <p>Stateless and thread-safe.
 */
final class GuardWords {
  private GuardWords() {}

  /** The guard settings for the Settings line, or "" when every guard is off. */
  static String settings(RebalanceConfig c) {
    StringBuilder b = new StringBuilder();
    if (!c.reentryBlock().isZero()) {
      b.append(", re-entry block ").append(DecisionTextWriter.human(c.reentryBlock()));
    }
    c.turnoverBudget()
        .ifPresent(
            t ->
                b.append(", turnover budget ")
                    .append(t.swaps())
                    .append(t.swaps() == 1 ? " swap per " : " swaps per ")
                    .append(DecisionTextWriter.human(t.window())));
    c.costs()
        .ifPresent(
            k ->
                b.append(", costs: fee ")
                    .append(bps(k.feeBps()))
                    .append(" bps, edge ")
                    .append(bps(k.edgeBpsPerPoint()))
                    .append(" bps per score point, min net edge ")
                    .append(bps(k.minNetEdgeBps()))
                    .append(" bps"));
    return b.toString();
  }

  /** Why, for the three guard holds; empty for other reasons. */
  static Optional<String> why(Decision d, Scenario s) {
    switch (d.reason()) {
      case TURNOVER_BUDGET:
        return Optional.of(turnover(d, s));
      case NO_AFFORDABLE_CANDIDATE:
        return Optional.of(unaffordable(d, s));
      case COST_EXCEEDS_EDGE:
        return Optional.of(
            d.preventedSwap()
                .map(
                    w ->
                        "the swap "
                            + w.sell()
                            + " -> "
                            + w.buy()
                            + " would earn less than it"
                            + " costs: "
                            + costWords(w, s))
                .orElse("the best swap would earn less than it costs"));
      default:
        return Optional.empty();
    }
  }

  private static String turnover(Decision d, Scenario s) {
    Optional<TurnoverBudget> t = s.config().turnoverBudget();
    String budget =
        t.map(b -> " (" + b.swaps() + " per " + DecisionTextWriter.human(b.window()) + ")")
            .orElse("");
    String reset =
        d.turnoverResetIn()
            .map(
                r ->
                    "; the next swap is allowed in "
                        + DecisionTextWriter.human(r)
                        + " ("
                        + r
                        + "), at "
                        + DecisionTextWriter.plus(s.now(), r))
            .orElse("");
    return "the turnover budget" + budget + " is used up by the recent swaps" + reset;
  }

  private static String unaffordable(Decision d, Scenario s) {
    Optional<Swap> w = d.preventedSwap();
    if (w.isEmpty()) {
      return "the sale cannot buy one whole share of any candidate that clears the threshold";
    }
    HeldPosition sold = held(s, w.get().sell());
    String proceeds =
        sold != null && sold.price().isPresent()
            ? " raises "
                + ExplainDecimals.quantity(w.get().sellQty().multiply(sold.price().get()))
                + " ("
                + ExplainDecimals.quantity(w.get().sellQty())
                + " x "
                + ExplainDecimals.quantity(sold.price().get())
                + ")"
            : "";
    return "selling "
        + ExplainDecimals.quantity(w.get().sellQty())
        + " "
        + w.get().sell()
        + proceeds
        + ", less than one share of every candidate that clears the threshold (see Skipped)";
  }

  /** The cost arithmetic of a swap: {@code edge 20 bps < cost 35 bps (...)}. */
  static String costWords(Swap w, Scenario s) {
    if (w.edgeBps().isEmpty() || w.costBps().isEmpty()) {
      return "";
    }
    BigDecimal edge = w.edgeBps().get();
    BigDecimal cost = w.costBps().get();
    BigDecimal net = edge.subtract(cost);
    Optional<CostSettings> k = s.config().costs();
    BigDecimal min = k.map(CostSettings::minNetEdgeBps).orElse(BigDecimal.ZERO);
    boolean worth = net.compareTo(min) >= 0;
    StringBuilder b =
        new StringBuilder("edge ")
            .append(bps(edge))
            .append(" bps ")
            .append(edge.compareTo(cost) < 0 ? "<" : edge.compareTo(cost) == 0 ? "=" : ">")
            .append(" cost ")
            .append(bps(cost))
            .append(" bps");
    if (k.isPresent()) {
      HeldPosition sold = held(s, w.sell());
      Candidate bought = candidate(s, w.buy());
      b.append(" (edge = score +")
          .append(ExplainDecimals.scoreText(w.scoreDiff()))
          .append(" x ")
          .append(bps(k.get().edgeBpsPerPoint()))
          .append(" bps per point; cost = 2 x fee ")
          .append(bps(k.get().feeBps()))
          .append(" bps + (spread ")
          .append(sold == null ? "?" : bps(sold.spreadBps()))
          .append(" + ")
          .append(bought == null ? "?" : bps(bought.spreadBps()))
          .append(") / 2 bps)");
    }
    b.append(", net ")
        .append(bps(net))
        .append(" bps ")
        .append(worth ? ">=" : "<")
        .append(" minimum ")
        .append(bps(min))
        .append(" bps");
    return b.toString();
  }

  /** The Turnover line, when a budget is configured. */
  static Optional<String> turnoverLine(Decision d, Scenario s) {
    return s.config()
        .turnoverBudget()
        .map(
            t -> {
              long used =
                  s.tracker().recentSwaps().stream()
                      .filter(r -> Duration.between(r.at(), s.now()).compareTo(t.window()) < 0)
                      .count();
              return "Turnover:  "
                  + used
                  + " of "
                  + t.swaps()
                  + " swaps used in the last "
                  + DecisionTextWriter.human(t.window())
                  + d.turnoverResetIn()
                      .map(r -> "; resets in " + DecisionTextWriter.human(r))
                      .orElse("");
            });
  }

  /** The Skipped lines: each passed-over candidate with its reason in words. */
  static List<String> skipped(Decision d, Scenario s) {
    List<String> out = new ArrayList<>();
    for (SkippedCandidate c : d.skippedCandidates()) {
      List<String> why = new ArrayList<>();
      for (CandidateReason r : c.reasons()) {
        why.add(r.name() + " (" + reasonWords(r, c.symbol(), s) + ")");
      }
      out.add("  " + c.symbol() + "  " + String.join("; ", why));
    }
    return out;
  }

  private static String reasonWords(CandidateReason r, String symbol, Scenario s) {
    switch (r) {
      case RECENTLY_SOLD:
        Optional<Instant> last =
            s.tracker().recentSwaps().stream()
                .filter(w -> w.sold().equals(symbol))
                .map(RecentSwap::at)
                .max(Instant::compareTo);
        return "sold by a swap"
            + last.map(t -> " at " + t).orElse("")
            + ", re-entry block "
            + DecisionTextWriter.human(s.config().reentryBlock());
      case UNAFFORDABLE:
        Candidate c = candidate(s, symbol);
        return c != null && c.price().isPresent()
            ? "one share costs "
                + ExplainDecimals.quantity(c.price().get())
                + ", more than the sale raises"
            : "the sale cannot buy one share";
      default:
        return r.name();
    }
  }

  private static String bps(BigDecimal v) {
    return ExplainDecimals.quantity(v);
  }

  private static @Nullable HeldPosition held(Scenario s, String symbol) {
    return s.positions().stream().filter(p -> p.symbol().equals(symbol)).findFirst().orElse(null);
  }

  private static @Nullable Candidate candidate(Scenario s, String symbol) {
    return s.candidates().stream().filter(c -> c.symbol().equals(symbol)).findFirst().orElse(null);
  }

  static String safePlus(Instant t, Duration d) {
    try {
      return t.plus(d).toString();
    } catch (DateTimeException | ArithmeticException e) {
      return "beyond the last representable instant";
    }
  }
}
