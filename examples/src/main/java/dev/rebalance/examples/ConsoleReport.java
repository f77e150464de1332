package dev.rebalance.examples;

import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.format.HumanFormat;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints what a person wants to see while the bot runs (one line per purchase, swap and notable
 * refusal, with the reasons) and the summary tables at the end. Figures and times go through {@link
 * HumanFormat}, the formatter of the {@code rebalance} command and the dashboard, so the bot, the
 * CLI and the dashboard show a figure the same way; times carry their zone.
 *
 * <p>Not thread-safe: one scan thread prints.
 */
final class ConsoleReport implements BotListener {
  private final PrintStream out;
  private final ZoneId zone;
  private String lastRefusal = "";

  ConsoleReport(PrintStream out) {
    this(out, ZoneOffset.UTC);
  }

  ConsoleReport(PrintStream out, ZoneId zone) {
    this.out = out;
    this.zone = zone;
  }

  private String time(Instant at) {
    return HumanFormat.time(at, zone);
  }

  @Override
  public void onBuy(Instant at, String symbol, BigDecimal qty, BigDecimal price, BigDecimal score) {
    out.printf(
        "%s  BUY   %-6s %s @ %s (score %s): free slot%n",
        time(at), symbol, qty(qty), price(price), HumanFormat.score(score));
  }

  @Override
  public void onSwap(Instant at, Swap swap, SwapOutcome o) {
    lastRefusal = "";
    if (!o.completed() && o.soldQty().signum() == 0) {
      out.printf(
          "%s  SKIP  swap %s -> %s (score %s) not done: %s%n",
          time(at),
          swap.sell(),
          swap.buy(),
          HumanFormat.scoreDiff(swap.scoreDiff()),
          o.detail().orElse("?"));
      return;
    }
    String sellPart =
        "sell "
            + swap.sell()
            + " "
            + qty(o.soldQty())
            + o.sellPrice().map(p -> " @ " + price(p)).orElse("")
            + " (score "
            + HumanFormat.score(swap.oldScore())
            + ")";
    String buyPart =
        "buy "
            + swap.buy()
            + " "
            + qty(o.boughtQty())
            + o.buyPrice().map(p -> " @ " + price(p)).orElse("")
            + " (score "
            + HumanFormat.score(swap.newScore())
            + ")";
    String fraction =
        swap.sellFraction().compareTo(BigDecimal.ONE) == 0
            ? ""
            : ", sold " + HumanFormat.percent(swap.sellFraction());
    out.printf(
        "%s  SWAP  %s -> %s: score %s%s%s%n",
        time(at),
        sellPart,
        buyPart,
        HumanFormat.scoreDiff(swap.scoreDiff()),
        fraction,
        o.completed() ? "" : " [incomplete: " + o.detail().orElse("?") + "]");
  }

  @Override
  public void onRefusal(Instant at, Refusal r) {
    // Print the first of a run of repeats: once per cooldown window, once per blocked position.
    String key =
        r.kind().equals("COOLDOWN")
            ? "COOLDOWN@" + r.cooldownRemaining().map(at::plus).orElse(at)
            : r.kind() + "/" + r.sell();
    if (key.equals(lastRefusal)) {
      return;
    }
    lastRefusal = key;
    String why =
        switch (r.kind()) {
          case "COOLDOWN" ->
              "cooldown, " + r.cooldownRemaining().map(HumanFormat::duration).orElse("?") + " left";
          case "LOCKED" -> r.sell() + " is locked";
          case "MIN_HOLD_TIME" -> r.sell() + " not held for the minimum hold time yet";
          case "UNKNOWN_ENTRY_TIME" -> r.sell() + " has no tracked entry time";
          default -> r.kind();
        };
    String all = r.reasons().size() > 1 ? " " + r.reasons() : "";
    out.printf(
        "%s  HOLD  %s%s: would swap %s for %s (score %s)%n",
        time(at), why, all, r.sell(), r.buy(), HumanFormat.scoreDiff(r.scoreDiff()));
  }

  private static String qty(BigDecimal q) {
    return HumanFormat.quantity(q);
  }

  private static String price(BigDecimal p) {
    return HumanFormat.money(p);
  }

  /** A return given in percent points ({@code 2.35} is 2.35 %), signed: {@code +2.35%}. */
  private static String pct(BigDecimal points) {
    return HumanFormat.signedPercent(points.movePointLeft(2));
  }

  /** The rows of the summary table, label and value, for one or more runs side by side. */
  static List<String[]> rows(List<RunSummary> runs) {
    List<String[]> rows = new ArrayList<>();
    row(rows, runs, "", s -> s.label());
    row(rows, runs, "score threshold", s -> HumanFormat.score(s.config().scoreThreshold()));
    row(rows, runs, "cooldown", s -> HumanFormat.duration(s.config().cooldown()));
    row(rows, runs, "min hold time", s -> HumanFormat.duration(s.config().minHoldTime()));
    row(rows, runs, "sell fraction", s -> HumanFormat.percent(s.config().sellFraction()));
    row(rows, runs, "swaps", s -> Long.toString(s.swaps()));
    row(rows, runs, "score improvement avg", s -> HumanFormat.score(s.avgScoreDiff()));
    row(
        rows,
        runs,
        "score improvement min/max",
        s -> HumanFormat.score(s.minScoreDiff()) + " / " + HumanFormat.score(s.maxScoreDiff()));
    row(rows, runs, "swaps not completed", s -> Long.toString(s.incompleteSwaps()));
    row(rows, runs, "swaps that paid off", s -> s.swapsPaidOff() + " of " + s.swaps());
    row(rows, runs, "payoff vs keeping sold", s -> HumanFormat.money(s.payoff()));
    row(rows, runs, "turnover", s -> s.turnover().toPlainString() + "x");
    row(rows, runs, "trading costs", s -> HumanFormat.money(s.costs()));
    row(
        rows,
        runs,
        "final equity",
        s -> HumanFormat.money(s.finalEquity()) + " (" + pct(s.returnPct()) + ")");
    row(
        rows,
        runs,
        "buy-and-hold of start",
        s -> HumanFormat.money(s.buyAndHoldEquity()) + " (" + pct(s.buyAndHoldReturnPct()) + ")");
    row(rows, runs, "refused: cooldown", s -> count(s.refusals(), "COOLDOWN"));
    row(rows, runs, "refused: min hold time", s -> count(s.refusals(), "MIN_HOLD_TIME"));
    row(rows, runs, "refused: locked", s -> count(s.refusals(), "LOCKED"));
    return rows;
  }

  private static String count(Map<String, Long> m, String key) {
    return Long.toString(m.getOrDefault(key, 0L));
  }

  private static void row(
      List<String[]> rows, List<RunSummary> runs, String label, Function<RunSummary, String> f) {
    String[] r = new String[runs.size() + 1];
    r[0] = label;
    for (int i = 0; i < runs.size(); i++) {
      r[i + 1] = f.apply(runs.get(i));
    }
    rows.add(r);
  }

  /** Prints rows as an aligned table, the first row as a header when it has labels. */
  static void table(PrintStream out, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] w = new int[cols];
    for (String[] r : rows) {
      for (int c = 0; c < cols; c++) {
        w[c] = Math.max(w[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder("  ");
      for (int c = 0; c < cols; c++) {
        sb.append(c == 0 ? pad(r[c], w[c]) : "  " + padLeft(r[c], w[c]));
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  private static String padLeft(String s, int w) {
    return " ".repeat(w - s.length()) + s;
  }
}
