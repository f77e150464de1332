package dev.rebalance.examples;

import dev.rebalance.core.decision.Swap;
import dev.rebalance.examples.sim.TradingCalendar;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.util.function.Function;

/**
 * Prints what a person wants to see while the bot runs (one line per purchase, swap and notable
 * refusal, with the reasons) and the summary tables at the end.
 *
 * <p>Not thread-safe: one scan thread prints.
 */
final class ConsoleReport implements BotListener {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TradingCalendar.NEW_YORK);

  private final PrintStream out;
  private String lastRefusal = "";

  ConsoleReport(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onBuy(Instant at, String symbol, BigDecimal qty, BigDecimal price, BigDecimal score) {
    out.printf("%s  BUY   %-6s %s @ %s (score %s): free slot%n", TIME.format(at), symbol, qty(qty), price(price), score.toPlainString());
  }

  @Override
  public void onSwap(Instant at, Swap swap, SwapOutcome o) {
    lastRefusal = "";
    if (!o.completed() && o.soldQty().signum() == 0) {
      out.printf("%s  SKIP  swap %s -> %s (score +%s) not done: %s%n", TIME.format(at), swap.sell(), swap.buy(),
          swap.scoreDiff().toPlainString(), o.detail().orElse("?"));
      return;
    }
    String sellPart = "sell " + swap.sell() + " " + qty(o.soldQty()) + o.sellPrice().map(p -> " @ " + price(p)).orElse("")
        + " (score " + swap.oldScore().toPlainString() + ")";
    String buyPart = "buy " + swap.buy() + " " + qty(o.boughtQty()) + o.buyPrice().map(p -> " @ " + price(p)).orElse("")
        + " (score " + swap.newScore().toPlainString() + ")";
    String fraction = swap.sellFraction().compareTo(BigDecimal.ONE) == 0
        ? "" : ", sold " + swap.sellFraction().multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + " %";
    out.printf("%s  SWAP  %s -> %s: score +%s%s%s%n", TIME.format(at), sellPart, buyPart,
        swap.scoreDiff().toPlainString(), fraction, o.completed() ? "" : " [incomplete: " + o.detail().orElse("?") + "]");
  }

  @Override
  public void onRefusal(Instant at, Refusal r) {
    // Print the first of a run of repeats: once per cooldown window, once per blocked position.
    String key = r.kind().equals("COOLDOWN")
        ? "COOLDOWN@" + r.cooldownRemaining().map(at::plus).orElse(at)
        : r.kind() + "/" + r.sell();
    if (key.equals(lastRefusal)) {
      return;
    }
    lastRefusal = key;
    String why = switch (r.kind()) {
      case "COOLDOWN" -> "cooldown, " + r.cooldownRemaining().map(ConsoleReport::duration).orElse("?") + " left";
      case "LOCKED" -> r.sell() + " is locked";
      case "MIN_HOLD_TIME" -> r.sell() + " not held for the minimum hold time yet";
      case "UNKNOWN_ENTRY_TIME" -> r.sell() + " has no tracked entry time";
      default -> r.kind();
    };
    String all = r.reasons().size() > 1 ? " " + r.reasons() : "";
    out.printf("%s  HOLD  %s%s: would swap %s for %s (score +%s)%n", TIME.format(at), why, all, r.sell(), r.buy(),
        r.scoreDiff().toPlainString());
  }

  static String duration(Duration d) {
    long m = d.toMinutes();
    return m >= 60 ? (m / 60) + "h" + (m % 60 == 0 ? "" : (m % 60) + "m") : m + "m";
  }

  static String qty(BigDecimal q) {
    BigDecimal s = q.stripTrailingZeros();
    return s.scale() > 4 ? q.setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() : s.toPlainString();
  }

  static String price(BigDecimal p) {
    return p.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  static String money(BigDecimal m) {
    DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    String s = f.format(m.abs());
    return (m.signum() < 0 ? "-$" : "$") + s;
  }

  static String signedMoney(BigDecimal m) {
    return (m.signum() >= 0 ? "+" : "") + money(m);
  }

  static String pct(BigDecimal p) {
    return (p.signum() >= 0 ? "+" : "") + p.toPlainString() + " %";
  }

  /** The rows of the summary table, label and value, for one or more runs side by side. */
  static List<String[]> rows(List<RunSummary> runs) {
    List<String[]> rows = new ArrayList<>();
    row(rows, runs, "", s -> s.label());
    row(rows, runs, "score threshold", s -> s.config().scoreThreshold().toPlainString());
    row(rows, runs, "cooldown", s -> duration(s.config().cooldown()));
    row(rows, runs, "min hold time", s -> duration(s.config().minHoldTime()));
    row(rows, runs, "sell fraction", s -> s.config().sellFraction().toPlainString());
    row(rows, runs, "swaps", s -> Long.toString(s.swaps()));
    row(rows, runs, "score improvement avg", s -> s.avgScoreDiff().map(BigDecimal::toPlainString).orElse("-"));
    row(rows, runs, "score improvement min/max", s -> s.minScoreDiff().map(BigDecimal::toPlainString).orElse("-")
        + " / " + s.maxScoreDiff().map(BigDecimal::toPlainString).orElse("-"));
    row(rows, runs, "swaps not completed", s -> Long.toString(s.incompleteSwaps()));
    row(rows, runs, "swaps that paid off", s -> s.swapsPaidOff() + " of " + s.swaps());
    row(rows, runs, "payoff vs keeping sold", s -> signedMoney(s.payoff()));
    row(rows, runs, "turnover", s -> s.turnover().toPlainString() + "x");
    row(rows, runs, "trading costs", s -> money(s.costs()));
    row(rows, runs, "final equity", s -> money(s.finalEquity()) + " (" + pct(s.returnPct()) + ")");
    row(rows, runs, "buy-and-hold of start", s -> money(s.buyAndHoldEquity()) + " (" + pct(s.buyAndHoldReturnPct()) + ")");
    row(rows, runs, "refused: cooldown", s -> count(s.refusals(), "COOLDOWN"));
    row(rows, runs, "refused: min hold time", s -> count(s.refusals(), "MIN_HOLD_TIME"));
    row(rows, runs, "refused: locked", s -> count(s.refusals(), "LOCKED"));
    return rows;
  }

  private static String count(Map<String, Long> m, String key) {
    return Long.toString(m.getOrDefault(key, 0L));
  }

  private static void row(List<String[]> rows, List<RunSummary> runs, String label, Function<RunSummary, String> f) {
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
