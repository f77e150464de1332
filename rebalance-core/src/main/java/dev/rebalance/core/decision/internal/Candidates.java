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
 * Step 4 of a decision, the pass over the candidates. Not thread-safe; one result lives inside one
 * decision.
 */
final class Candidates {

  /** Best first: higher score, then symbol. */
  static final Comparator<Candidate> RANK =
      (a, b) -> a.ranksAbove(b) ? -1 : b.ranksAbove(a) ? 1 : 0;

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
   * best {@code pairs} candidates not held and not blocked. Most candidates cost one read of the
   * candidate itself (its stored symbol hash and score key), one probe of a cache-sized table of
   * hash codes and one comparison with the last-ranked candidate kept; the symbol and the score are
   * read only for a candidate that could be kept or whose hash code was seen before. With symbols
   * blocked, each candidate's hash code is also compared with theirs (a handful).
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
    BoundedHeap<Candidate> best =
        new BoundedHeap<>(Candidate::ranksAbove, pairs, candidates.size());
    HashCodeSet seen = new HashCodeSet(candidates.size());
    boolean maybeRepeated = false;
    boolean selecting = pairs > 0;
    // The last-ranked candidate kept once the heap is full; null while it has room.
    Candidate floor = null;
    for (Candidate c : candidates) {
      Objects.requireNonNull(c, "candidates contains null");
      if (!seen.add(c.symbolHash())) {
        maybeRepeated = true;
      }
      // The held check (a hash probe) only for a candidate that would enter the best k.
      if (selecting && (floor == null || c.ranksAbove(floor)) && !held.contains(c.symbol())) {
        best.keep(c);
        floor = best.lastKept();
      }
    }
    if (maybeRepeated) {
      // Two candidates share a hash code: the same symbol twice, or (rarely) two symbols whose
      // hash codes collide. Settle it exactly; the selection above is right whenever this passes.
      rejectRepeatedSymbol(candidates);
    }
    return best.sorted();
  }

  private static Candidates selectBlocking(
      List<Candidate> candidates, SymbolSet held, Set<String> blockedSymbols, int pairs) {
    int[] blockedHashes = blockedSymbols.stream().mapToInt(String::hashCode).toArray();
    BoundedHeap<Candidate> best =
        new BoundedHeap<>(Candidate::ranksAbove, pairs, candidates.size());
    HashCodeSet seen = new HashCodeSet(candidates.size());
    List<Candidate> blocked = new ArrayList<>(blockedHashes.length);
    boolean maybeRepeated = false;
    Candidate floor = null;
    for (Candidate c : candidates) {
      Objects.requireNonNull(c, "candidates contains null");
      int h = c.symbolHash();
      if (!seen.add(h)) {
        maybeRepeated = true;
      }
      if (contains(blockedHashes, h) && blockedSymbols.contains(c.symbol())) {
        if (!held.contains(c.symbol())) {
          blocked.add(c);
        }
        continue;
      }
      if ((floor == null || c.ranksAbove(floor)) && !held.contains(c.symbol())) {
        best.keep(c);
        floor = best.lastKept();
      }
    }
    if (maybeRepeated) {
      rejectRepeatedSymbol(candidates);
    }
    return new Candidates(best.sorted(), blocked);
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
  static List<SkippedCandidate> skipped(
      List<Candidate> recentlySold, Set<Candidate> unaffordable) {
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
