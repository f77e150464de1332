package dev.rebalance.core.decision.internal;

import dev.rebalance.api.Candidate;
import dev.rebalance.core.decision.CandidateReason;
import dev.rebalance.core.decision.SkippedCandidate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Step 4 of a decision, the pass over the candidates, and the order in which a decision ranks them
 * as buys: a higher score first, compared as exact decimals ({@code 1.0} equals {@code 1.00}), then
 * the symbol that sorts first. Not thread-safe; one result lives inside one decision.
 *
 * <p>The pass reads each candidate's symbol for its hash code (which {@code String} caches) and its
 * score for a {@code double} key, computed on the spot by {@link #key}: unequal keys order their
 * scores, so the exact decimals are compared only when two keys are equal or one is missing.
 */
final class Candidates {

  /** Best first: higher score, then symbol. Exact; for sorting the few candidates a walk needs. */
  static final Comparator<Candidate> RANK =
      Comparator.comparing(Candidate::score, Comparator.reverseOrder())
          .thenComparing(Candidate::symbol);

  /** The best {@code pairs} candidates not held and not blocked, best first. */
  final List<Candidate> best;

  /** The candidates not held whose symbol is blocked (recently sold), in input order. */
  final List<Candidate> blocked;

  private Candidates(List<Candidate> best, List<Candidate> blocked) {
    this.best = best;
    this.blocked = blocked;
  }

  /**
   * One pass over the candidates: a symbol listed twice always fails; when {@code pairs > 0}, the
   * best {@code pairs} candidates not held and not blocked. Most candidates cost a read of the
   * candidate, of its symbol's cached hash code and of its score, one probe of a cache-sized table
   * of hash codes and one comparison of score keys with the last-ranked candidate kept; the held
   * check and the exact decimals only for a candidate that could be kept or whose hash code was
   * seen before. With symbols blocked, each candidate's hash code is also compared with theirs (a
   * handful).
   */
  static Candidates select(
      List<Candidate> candidates, SymbolSet held, Set<String> blockedSymbols, int pairs) {
    if (!blockedSymbols.isEmpty() && pairs > 0) {
      return selectBlocking(candidates, held, blockedSymbols, pairs);
    }
    return new Candidates(best(candidates, held, pairs), List.of());
  }

  /** The fast pass, with nothing blocked. Its own small method so the JIT inlines the loop. */
  private static List<Candidate> best(List<Candidate> candidates, SymbolSet held, int pairs) {
    BoundedHeap<Ranked> best = new BoundedHeap<>(Ranked::above, pairs, candidates.size());
    HashCodeSet seen = new HashCodeSet(candidates.size());
    boolean maybeRepeated = false;
    boolean selecting = pairs > 0;
    // The last-ranked candidate kept once the heap is full; null while it has room.
    Ranked floor = null;
    for (Candidate c : candidates) {
      Objects.requireNonNull(c, "candidates contains null");
      String symbol = c.symbol();
      if (!seen.add(symbol.hashCode())) {
        maybeRepeated = true;
      }
      if (selecting) {
        BigDecimal score = c.score();
        double key = key(score);
        // The held check (a hash probe) only for a candidate that would enter the best k.
        if ((floor == null || floor.below(key, score, symbol)) && !held.contains(symbol)) {
          best.keep(new Ranked(c, key));
          floor = best.lastKept();
        }
      }
    }
    if (maybeRepeated) {
      // Two candidates share a hash code: the same symbol twice, or (rarely) two symbols whose
      // hash codes collide. Settle it exactly; the selection above is right whenever this passes.
      rejectRepeatedSymbol(candidates);
    }
    return candidatesOf(best.sorted());
  }

  private static Candidates selectBlocking(
      List<Candidate> candidates, SymbolSet held, Set<String> blockedSymbols, int pairs) {
    int[] blockedHashes = blockedSymbols.stream().mapToInt(String::hashCode).toArray();
    BoundedHeap<Ranked> best = new BoundedHeap<>(Ranked::above, pairs, candidates.size());
    HashCodeSet seen = new HashCodeSet(candidates.size());
    List<Candidate> blocked = new ArrayList<>(blockedHashes.length);
    boolean maybeRepeated = false;
    Ranked floor = null;
    for (Candidate c : candidates) {
      Objects.requireNonNull(c, "candidates contains null");
      String symbol = c.symbol();
      int h = symbol.hashCode();
      if (!seen.add(h)) {
        maybeRepeated = true;
      }
      if (contains(blockedHashes, h) && blockedSymbols.contains(symbol)) {
        if (!held.contains(symbol)) {
          blocked.add(c);
        }
        continue;
      }
      BigDecimal score = c.score();
      double key = key(score);
      if ((floor == null || floor.below(key, score, symbol)) && !held.contains(symbol)) {
        best.keep(new Ranked(c, key));
        floor = best.lastKept();
      }
    }
    if (maybeRepeated) {
      rejectRepeatedSymbol(candidates);
    }
    return new Candidates(candidatesOf(best.sorted()), blocked);
  }

  private static List<Candidate> candidatesOf(List<Ranked> ranked) {
    List<Candidate> out = new ArrayList<>(ranked.size());
    for (Ranked r : ranked) {
      out.add(r.candidate);
    }
    return out;
  }

  /**
   * A score's key: the nearest {@code double}, or NaN when that is costly to compute. Rounding to
   * nearest never reverses an order (if {@code a <= b} then {@code key(a) <= key(b)}), so unequal
   * keys order their scores, and only equal keys (or a missing one) need the exact decimals.
   *
   * <p>Up to 15 digits and a scale within 22, {@link BigDecimal#doubleValue()} converts with one
   * exact division or multiplication of two exactly represented doubles, correctly rounded, and
   * allocates nothing (JDK 17: its fast path for an unscaled value under 2<sup>52</sup> and a scale
   * of at most 22; {@code precision()} is cached in the decimal). A longer decimal would cost a
   * conversion through its text, so it gets no key.
   */
  static double key(BigDecimal score) {
    int scale = score.scale();
    return score.precision() <= 15 && scale > -22 && scale < 22 ? score.doubleValue() : Double.NaN;
  }

  /**
   * Whether {@code a} ranks ahead of {@code b} as a buy: a higher score, or an equal score
   * (compared as exact decimals) and a symbol that sorts first. False for the same candidate.
   */
  static boolean ranksAbove(Candidate a, Candidate b) {
    return ranksAbove(key(a.score()), a.score(), a.symbol(), key(b.score()), b.score(), b.symbol());
  }

  private static boolean ranksAbove(
      double ka, BigDecimal sa, String ya, double kb, BigDecimal sb, String yb) {
    // Both comparisons are false for equal keys and for a missing (NaN) key.
    if (ka > kb) {
      return true;
    }
    if (ka < kb) {
      return false;
    }
    int c = sa.compareTo(sb);
    return c > 0 || (c == 0 && ya.compareTo(yb) < 0);
  }

  /** A candidate kept in the best few, with its score's key. */
  private static final class Ranked {
    final Candidate candidate;
    final BigDecimal score;
    final String symbol;
    final double key;

    Ranked(Candidate candidate, double key) {
      this.candidate = candidate;
      this.score = candidate.score();
      this.symbol = candidate.symbol();
      this.key = key;
    }

    /** Whether a candidate with this key, score and symbol ranks ahead of this one. */
    boolean below(double key, BigDecimal score, String symbol) {
      return ranksAbove(key, score, symbol, this.key, this.score, this.symbol);
    }

    static boolean above(Ranked a, Ranked b) {
      return ranksAbove(a.key, a.score, a.symbol, b.key, b.score, b.symbol);
    }
  }

  /**
   * Every candidate not held, not blocked and scoring at least {@code minScore}, best first: the
   * pool an affordability walk continues into when the best few could not be bought.
   */
  static List<Candidate> ranked(
      List<Candidate> candidates, SymbolSet held, Set<String> blockedSymbols, BigDecimal minScore) {
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : candidates) {
      if (c.score().compareTo(minScore) >= 0
          && !held.contains(c.symbol())
          && !blockedSymbols.contains(c.symbol())) {
        out.add(c);
      }
    }
    out.sort(RANK);
    return out;
  }

  /** Recently sold and still unaffordable candidates, in rank order. */
  static List<SkippedCandidate> skipped(List<Candidate> recentlySold, Set<Candidate> unaffordable) {
    if (recentlySold.isEmpty() && unaffordable.isEmpty()) {
      return List.of();
    }
    List<Candidate> all = new ArrayList<>(recentlySold);
    all.addAll(unaffordable);
    all.sort(RANK);
    List<SkippedCandidate> out = new ArrayList<>(all.size());
    for (Candidate c : all) {
      out.add(
          SkippedCandidate.of(
              c.symbol(),
              List.of(
                  unaffordable.contains(c)
                      ? CandidateReason.UNAFFORDABLE
                      : CandidateReason.RECENTLY_SOLD)));
    }
    return out;
  }

  private static boolean contains(int[] hashes, int h) {
    for (int x : hashes) {
      if (x == h) {
        return true;
      }
    }
    return false;
  }

  private static void rejectRepeatedSymbol(List<Candidate> candidates) {
    SymbolSet symbols = new SymbolSet(candidates.size());
    for (Candidate c : candidates) {
      if (!symbols.add(c.symbol())) {
        throw new IllegalArgumentException("candidates list symbol " + c.symbol() + " twice");
      }
    }
  }
}
