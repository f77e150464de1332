package dev.rebalance.cli;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.IneligibilityReason;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Swap;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link Decision} for a person asking "why did (or didn't) the bot swap?": the decision
 * first (action, the reason in words, the swaps, the cooldown), then the settings it was made with,
 * then a table of the held positions with their eligibility and every reason in words.
 *
 * <p>It only explains; it never re-decides. The facts it adds (how long a position has been held,
 * the weakest eligible and best candidate scores) come straight from the scenario.
 *
 * <p>Stateless and thread-safe.
 */
final class DecisionTextWriter {
  private DecisionTextWriter() {}

  /**
   * Writes the explanation; leaves {@code out} open.
   *
   * @param d the decision
   * @param s the scenario it was made for
   * @param out where to write
   */
  static void write(Decision d, Scenario s, PrintWriter out) {
    RebalanceConfig c = s.config();
    String action =
        d.isSwap()
            ? "SWAP (" + d.swaps().size() + (d.swaps().size() == 1 ? " swap)" : " swaps)")
            : "HOLD (" + d.reason().name() + ")";
    out.println("Decision:  " + action);
    out.println("Why:       " + GuardWords.why(d, s).orElseGet(() -> why(d, s)));
    if (d.isSwap()) {
      out.println("Swaps:");
      Map<String, HeldPosition> held = bySymbol(s.positions(), HeldPosition::symbol);
      int i = 1;
      for (Swap w : d.swaps()) {
        String cost = GuardWords.costWords(w, s);
        out.println(
            "  "
                + i++
                + ". "
                + swapLine(w, held.get(w.sell()))
                + (cost.isEmpty() ? "" : "; " + cost));
      }
    } else {
      out.println("Swaps:     none");
    }
    if (d.reason() == DecisionReason.COOLDOWN && d.cooldownRemaining().isPresent()) {
      Duration left = d.cooldownRemaining().get();
      out.println(
          "Cooldown:  "
              + human(left)
              + " remaining ("
              + left
              + "); swaps are allowed again at "
              + plus(s.now(), left));
    } else {
      String last =
          s.tracker()
              .lastRebalance()
              .map(t -> "last rebalance " + t + ", cooldown " + human(c.cooldown()))
              .orElse("never rebalanced");
      out.println(
          "Cooldown:  "
              + (d.reason() == DecisionReason.DISABLED
                  ? "not checked (" + last + ")"
                  : s.tracker().lastRebalance().isPresent()
                      ? "passed (" + last + ")"
                      : "none (" + last + ")"));
    }
    GuardWords.turnoverLine(d, s).ifPresent(out::println);
    if (!d.skippedCandidates().isEmpty()) {
      out.println("Skipped:   " + d.skippedCandidates().size() + " candidate(s) passed over");
      GuardWords.skipped(d, s).forEach(out::println);
    }
    out.println("At:        " + s.now());
    out.println(
        "Settings:  threshold "
            + ExplainDecimals.scoreText(c.scoreThreshold())
            + ", min hold "
            + human(c.minHoldTime())
            + ", cooldown "
            + human(c.cooldown())
            + ", sell fraction "
            + ExplainDecimals.scoreText(c.sellFraction())
            + ", unknown entry time "
            + c.unknownEntryTime()
            + ", max swaps per scan "
            + c.maxSwapsPerScan()
            + GuardWords.settings(c)
            + (c.enabled() ? "" : ", disabled"));
    out.println();
    positions(d, s, out);
    out.flush();
  }

  private static String why(Decision d, Scenario s) {
    RebalanceConfig c = s.config();
    String threshold = ExplainDecimals.scoreText(c.scoreThreshold());
    switch (d.reason()) {
      case SWAP:
        return "the best candidate beats the weakest eligible position by at least the score"
            + " threshold ("
            + threshold
            + ")";
      case DISABLED:
        return "rebalancing is disabled in the configuration (enabled: false)";
      case COOLDOWN:
        return "the last rebalance"
            + s.tracker().lastRebalance().map(t -> " (" + t + ")").orElse("")
            + " was less than the cooldown ("
            + human(c.cooldown())
            + ") ago";
      case NO_ELIGIBLE_POSITION:
        return s.positions().isEmpty()
            ? "nothing is held, so there is nothing to sell"
            : "no held position may be sold (see the reasons below)";
      case NO_CANDIDATE:
        return s.candidates().isEmpty()
            ? "there are no candidates to buy"
            : "every candidate is already held ("
                + s.candidates().stream().map(Candidate::symbol).collect(Collectors.joining(", "))
                + "), and a held symbol is never bought";
      case BELOW_THRESHOLD:
        return belowThreshold(d, s, threshold);
      case SIZE_ROUNDS_TO_ZERO:
        return "selling the sell fraction ("
            + ExplainDecimals.scoreText(c.sellFraction())
            + ") of the weakest eligible position"
            + weakest(d, s).map(w -> " " + w.label).orElse("")
            + " rounds down to zero shares, and a zero-quantity order is never placed";
      default:
        return d.reason().name();
    }
  }

  private static String belowThreshold(Decision d, Scenario s, String threshold) {
    Optional<Extreme> weakest = weakest(d, s);
    Optional<Extreme> best = best(s);
    if (weakest.isEmpty() || best.isEmpty()) {
      return "the best candidate does not beat the weakest eligible position by the score"
          + " threshold ("
          + threshold
          + ")";
    }
    BigDecimal diff = best.get().score.subtract(weakest.get().score);
    return "the best candidate not held "
        + best.get().label
        + " beats the weakest eligible position "
        + weakest.get().label
        + " by "
        + ExplainDecimals.scoreText(diff)
        + ", less than the score threshold ("
        + threshold
        + ")";
  }

  /** A score and the symbols that have it. */
  private static final class Extreme {
    final BigDecimal score;
    final String label;

    Extreme(BigDecimal score, List<String> symbols) {
      this.score = score;
      this.label = String.join("/", symbols) + " at " + ExplainDecimals.scoreText(score);
    }
  }

  /** The lowest score among the eligible positions (the engine breaks ties; all are named). */
  private static Optional<Extreme> weakest(Decision d, Scenario s) {
    Set<String> eligible = new HashSet<>();
    d.positions().stream()
        .filter(PositionAssessment::eligible)
        .forEach(p -> eligible.add(p.symbol()));
    List<HeldPosition> ps =
        s.positions().stream()
            .filter(p -> eligible.contains(p.symbol()))
            .collect(Collectors.toList());
    return ps.stream()
        .map(HeldPosition::score)
        .min(Comparator.naturalOrder())
        .map(
            min ->
                new Extreme(
                    min,
                    ps.stream()
                        .filter(p -> p.score().compareTo(min) == 0)
                        .map(HeldPosition::symbol)
                        .sorted()
                        .collect(Collectors.toList())));
  }

  /** The highest score among the candidates that are not held. */
  private static Optional<Extreme> best(Scenario s) {
    Set<String> held = bySymbol(s.positions(), HeldPosition::symbol).keySet();
    List<Candidate> cs =
        s.candidates().stream()
            .filter(c -> !held.contains(c.symbol()))
            .collect(Collectors.toList());
    return cs.stream()
        .map(Candidate::score)
        .max(Comparator.naturalOrder())
        .map(
            max ->
                new Extreme(
                    max,
                    cs.stream()
                        .filter(c -> c.score().compareTo(max) == 0)
                        .map(Candidate::symbol)
                        .sorted()
                        .collect(Collectors.toList())));
  }

  private static String swapLine(Swap w, @Nullable HeldPosition held) {
    String of;
    if (held != null && held.qty().compareTo(w.sellQty()) == 0) {
      of = "all of it";
    } else {
      of =
          "fraction "
              + ExplainDecimals.scoreText(w.sellFraction())
              + (held == null ? "" : " of " + ExplainDecimals.quantity(held.qty()));
    }
    return "sell "
        + ExplainDecimals.quantity(w.sellQty())
        + " "
        + w.sell()
        + " ("
        + of
        + ", score "
        + ExplainDecimals.scoreText(w.oldScore())
        + ") and buy "
        + w.buy()
        + " (score "
        + ExplainDecimals.scoreText(w.newScore())
        + "): score +"
        + ExplainDecimals.scoreText(w.scoreDiff());
  }

  private static void positions(Decision d, Scenario s, PrintWriter out) {
    long eligible = d.positions().stream().filter(PositionAssessment::eligible).count();
    out.println("Positions: " + d.positions().size() + " held, " + eligible + " eligible to sell");
    if (d.positions().isEmpty()) {
      return;
    }
    Map<String, HeldPosition> held = bySymbol(s.positions(), HeldPosition::symbol);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SYMBOL", "QTY", "SCORE", "ELIGIBLE", "REASONS"});
    for (PositionAssessment p : d.positions()) {
      HeldPosition h = held.get(p.symbol());
      rows.add(
          new String[] {
            p.symbol(),
            h == null ? "" : ExplainDecimals.quantity(h.qty()),
            h == null ? "" : ExplainDecimals.scoreText(h.score()),
            p.eligible() ? "yes" : "no",
            p.reasons().isEmpty()
                ? "-"
                : p.reasons().stream()
                    .map(r -> r.name() + " (" + reasonInWords(r, p.symbol(), s) + ")")
                    .collect(Collectors.joining("; "))
          });
    }
    int[] width = new int[5];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(width[i] - row[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String reasonInWords(IneligibilityReason r, String symbol, Scenario s) {
    switch (r) {
      case LOCKED:
        PositionLock lock = s.tracker().locks().get(symbol);
        if (lock == null) {
          return "locked";
        }
        return "locked"
            + lock.reason().map(x -> ": " + printable(x)).orElse("")
            + lock.lockedBy().map(x -> ", by " + printable(x)).orElse("")
            + lock.expiresAt().map(x -> ", until " + x).orElse("");
      case MIN_HOLD_TIME:
        TrackedEntry e = s.tracker().entries().get(symbol);
        String need = human(s.config().minHoldTime());
        if (e == null) {
          return "held less than " + need;
        }
        Duration heldFor = Duration.between(e.entryTime(), s.now());
        return (heldFor.isNegative()
                ? "entered in the future (" + e.entryTime() + ")"
                : "held " + human(heldFor) + " since " + e.entryTime())
            + ", needs "
            + need;
      case UNKNOWN_ENTRY_TIME:
        return "no tracked entry time, and unknownEntryTime is " + s.config().unknownEntryTime();
      default:
        return r.name();
    }
  }

  private static <T> Map<String, T> bySymbol(List<T> items, Function<T, String> symbol) {
    return items.stream().collect(Collectors.toMap(symbol, t -> t, (a, b) -> a));
  }

  /** {@code t + d}, or words when that is past the last instant Java can represent. */
  static String plus(Instant t, Duration d) {
    return GuardWords.safePlus(t, d);
  }

  /**
   * Free text from the scenario (a lock's reason, who locked it) on one line: control and non-ASCII
   * characters escaped (a backslash, u and four hex digits), so no value can start a line of its
   * own.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A duration for people: {@code 1h 15m}, {@code 30m}, {@code 0s}; sub-second parts as ISO-8601.
   *
   * @param d a non-negative duration
   * @return the text
   */
  static String human(Duration d) {
    if (d.isNegative() || d.getNano() != 0) {
      return d.toString();
    }
    long secs = d.getSeconds();
    if (secs == 0) {
      return "0s";
    }
    List<String> parts = new ArrayList<>();
    long days = secs / 86_400;
    long hours = secs % 86_400 / 3_600;
    long minutes = secs % 3_600 / 60;
    long seconds = secs % 60;
    if (days > 0) {
      parts.add(days + "d");
    }
    if (hours > 0) {
      parts.add(hours + "h");
    }
    if (minutes > 0) {
      parts.add(minutes + "m");
    }
    if (seconds > 0) {
      parts.add(seconds + "s");
    }
    return String.join(" ", parts);
  }
}
