package dev.rebalance.core.internal;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.CooldownPolicy;
import dev.rebalance.core.Decision;
import dev.rebalance.core.DecisionAction;
import dev.rebalance.core.DecisionReason;
import dev.rebalance.core.HoldTimePolicy;
import dev.rebalance.core.IneligibilityReason;
import dev.rebalance.core.LockRegistry;
import dev.rebalance.core.LogEvents;
import dev.rebalance.core.PartialSellSizer;
import dev.rebalance.core.PositionAssessment;
import dev.rebalance.core.RebalanceConfig;
import dev.rebalance.core.Rebalancer;
import dev.rebalance.core.Swap;
import dev.rebalance.core.TrackerState;
import dev.rebalance.core.UnknownEntryTimeRule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The {@link Rebalancer}: one pass over the positions to assess them and keep the {@code k}
 * weakest eligible, one pass over the candidates to find duplicates and keep the {@code k} best
 * (bounded heaps, {@code k = min(maxSwapsPerScan, eligible)}), then pairing. Immutable and
 * thread-safe.
 */
public final class SelectingRebalancer implements Rebalancer {
  private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);

  private static final int LOCKED = 1;
  private static final int YOUNG = 2;
  private static final int UNKNOWN = 4;

  /** The reason list for each combination of the three flags, in enum order. */
  private static final List<List<IneligibilityReason>> REASONS = reasonLists();

  private final RebalanceConfig config;
  private final Clock clock;
  private final HoldTimePolicy holdTimePolicy;
  private final CooldownPolicy cooldownPolicy;
  private final PartialSellSizer sizer;
  private final LockRegistry locks;

  /**
   * @param config the configuration
   * @param clock the clock
   * @param holdTimePolicy the hold-time policy
   * @param cooldownPolicy the cooldown policy
   * @param sizer the sizer
   * @param locks locks applying besides the tracker state's
   */
  public SelectingRebalancer(
      RebalanceConfig config,
      Clock clock,
      HoldTimePolicy holdTimePolicy,
      CooldownPolicy cooldownPolicy,
      PartialSellSizer sizer,
      LockRegistry locks) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.holdTimePolicy = Objects.requireNonNull(holdTimePolicy, "holdTimePolicy");
    this.cooldownPolicy = Objects.requireNonNull(cooldownPolicy, "cooldownPolicy");
    this.sizer = Objects.requireNonNull(sizer, "sizer");
    this.locks = Objects.requireNonNull(locks, "locks");
  }

  @Override
  public RebalanceConfig config() {
    return config;
  }

  @Override
  public CooldownPolicy cooldownPolicy() {
    return cooldownPolicy;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Decision decide(
      List<HeldPosition> positions, List<Candidate> candidates, TrackerState state, Instant now) {
    Objects.requireNonNull(positions, "positions");
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(now, "now");

    // 1 and 2: disabled, cooldown. Positions are still assessed below for the explanation.
    DecisionReason hold = null;
    Duration cooldownRemaining = null;
    if (!config.enabled()) {
      hold = DecisionReason.DISABLED;
    } else if (state.lastRebalance().isPresent()) {
      Duration left =
          Objects.requireNonNull(
              cooldownPolicy.remaining(state.lastRebalance().get(), now),
              "cooldownPolicy returned null");
      if (left.compareTo(Duration.ZERO) > 0) {
        hold = DecisionReason.COOLDOWN;
        cooldownRemaining = left;
      }
    }
    boolean considering = hold == null;

    // 3: assess every position; keep the weakest eligible ones.
    Assessed assessed = assess(positions, state, now, considering);
    int eligible = assessed.eligible;
    int k = config.maxSwapsPerScan();

    if (considering && eligible == 0) {
      hold = DecisionReason.NO_ELIGIBLE_POSITION;
      considering = false;
    }

    // 4: one pass over the candidates: duplicates always, the best k when still deciding.
    int pairs = considering ? Math.min(k, eligible) : 0;
    List<Candidate> buys = bestCandidates(candidates, assessed.held, pairs);
    if (considering && buys.isEmpty()) {
      hold = DecisionReason.NO_CANDIDATE;
      considering = false;
    }

    // 5-7: pair the i-th weakest with the i-th best while each pair clears the threshold and
    // sizes to more than zero.
    List<Swap> swaps = new ArrayList<>(0);
    BigDecimal firstDiff = null;
    HeldPosition firstWeakest = null;
    Candidate firstBest = null;
    if (considering) {
      List<HeldPosition> sells = assessed.weakest.sorted();
      BigDecimal threshold = config.scoreThreshold();
      int m = Math.min(sells.size(), buys.size());
      for (int j = 0; j < m; j++) {
        HeldPosition sell = sells.get(j);
        Candidate buy = buys.get(j);
        BigDecimal diff = buy.score().subtract(sell.score());
        if (j == 0) {
          firstDiff = diff;
          firstWeakest = sell;
          firstBest = buy;
        }
        if (diff.compareTo(threshold) < 0) {
          if (j == 0) {
            hold = DecisionReason.BELOW_THRESHOLD;
          }
          break;
        }
        BigDecimal qty = checkedQty(sell);
        if (qty.signum() == 0) {
          if (j == 0) {
            hold = DecisionReason.SIZE_ROUNDS_TO_ZERO;
          }
          break;
        }
        swaps.add(
            Swap.builder()
                .sell(sell.symbol())
                .sellQty(qty)
                .sellFraction(sizer.fraction())
                .sellPrice(sell.price())
                .buy(buy.symbol())
                .oldScore(sell.score())
                .newScore(buy.score())
                .build());
      }
    }

    Decision decision =
        Decision.builder()
            .decidedAt(now)
            .action(hold == null ? DecisionAction.SWAP : DecisionAction.HOLD)
            .reason(hold == null ? DecisionReason.SWAP : hold)
            .swaps(swaps)
            .cooldownRemaining(Optional.ofNullable(cooldownRemaining))
            .positions(Arrays.asList(assessed.assessments))
            .build();

    if (hold == DecisionReason.COOLDOWN && LOG.isInfoEnabled()) {
      LOG.atInfo()
          .setMessage(LogEvents.REBALANCING_IN_COOLDOWN)
          .addKeyValue("last_rebalance", state.lastRebalance().get())
          .addKeyValue("cooldown_remaining", cooldownRemaining)
          .addKeyValue("now", now)
          .log();
    }
    if (LOG.isInfoEnabled()) {
      logDecision(
          decision,
          positions.size(),
          eligible,
          assessed.locked,
          assessed.young,
          assessed.unknown,
          candidates.size(),
          firstWeakest,
          firstBest,
          firstDiff);
    }
    return decision;
  }

  /**
   * Step 3: assesses every position (locks, hold time, entry time) and keeps the {@code
   * maxSwapsPerScan} weakest eligible ones when {@code considering}. Its own method, so the JIT
   * compiles the loop with its calls inlined.
   */
  private Assessed assess(
      List<HeldPosition> positions, TrackerState state, Instant now, boolean considering) {
    Map<String, TrackedEntry> entries = state.entries();
    Map<String, PositionLock> stateLocks = state.locks();
    boolean block = config.unknownEntryTime() == UnknownEntryTimeRule.BLOCK;
    boolean debug = considering && LOG.isDebugEnabled();
    int n = positions.size();
    int k = considering ? config.maxSwapsPerScan() : 0;
    Assessed a = new Assessed(n, new BoundedHeap<>((x, y) -> weaker(x, y, entries), k, n));
    SymbolSet held = a.held;
    BoundedHeap<HeldPosition> weakest = a.weakest;
    int i = 0;
    for (HeldPosition p : positions) {
      Objects.requireNonNull(p, "positions contains null");
      String symbol = p.symbol();
      if (!held.add(symbol)) {
        throw new IllegalArgumentException("positions list symbol " + symbol + " twice");
      }
      int flags = 0;
      PositionLock lock = activeLock(symbol, stateLocks, now);
      if (lock != null) {
        flags |= LOCKED;
        a.locked++;
        if (debug) {
          logLocked(lock, now);
        }
      }
      TrackedEntry entry = entries.get(symbol);
      if (entry != null) {
        if (!holdTimePolicy.isHeldLongEnough(entry.entryTime(), now)) {
          flags |= YOUNG;
          a.young++;
        }
      } else {
        if (block) {
          flags |= UNKNOWN;
        }
        a.unknown++;
        if (debug) {
          LOG.atDebug()
              .setMessage(LogEvents.NO_TRACKED_ENTRY_TIME)
              .addKeyValue("symbol", symbol)
              .addKeyValue("unknown_entry_time", config.unknownEntryTime())
              .addKeyValue("eligible", flags == 0)
              .log();
        }
      }
      if (flags == 0) {
        a.eligible++;
        if (considering && weakest.wouldKeep(p)) {
          weakest.keep(p);
        }
      }
      a.assessments[i++] = assessment(symbol, flags);
    }
    return a;
  }

  /** What step 3 found. */
  private static final class Assessed {
    final SymbolSet held;
    final PositionAssessment[] assessments;
    final BoundedHeap<HeldPosition> weakest;
    int eligible;
    int locked;
    int young;
    int unknown;

    Assessed(int positions, BoundedHeap<HeldPosition> weakest) {
      this.held = new SymbolSet(positions);
      this.assessments = new PositionAssessment[positions];
      this.weakest = weakest;
    }
  }

  /**
   * One pass over the candidates: a symbol listed twice always fails; when {@code pairs > 0}, the
   * best {@code pairs} candidates not held, best first. Its own small method, so the JIT compiles
   * the loop with the comparison inlined. Most candidates cost one read of the candidate itself
   * (its stored symbol hash and score key), one probe of a cache-sized table of hash codes and one
   * comparison with the last-ranked candidate kept; the symbol and the score are read only for a
   * candidate that could be kept or whose hash code was seen before.
   */
  private static List<Candidate> bestCandidates(
      List<Candidate> candidates, SymbolSet held, int pairs) {
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

  private static void rejectRepeatedSymbol(List<Candidate> candidates) {
    SymbolSet symbols = new SymbolSet(candidates.size());
    for (Candidate c : candidates) {
      if (!symbols.add(c.symbol())) {
        throw new IllegalArgumentException("candidates list symbol " + c.symbol() + " twice");
      }
    }
  }

  private static PositionAssessment assessment(String symbol, int flags) {
    PositionAssessment.Builder b = PositionAssessment.builder().symbol(symbol);
    // An eligible position (the usual case) adds nothing: copying even an empty list of reasons
    // into the builder costs more than the rest of its assessment.
    if (flags != 0) {
      b.reasons(REASONS.get(flags));
    }
    return b.build();
  }

  private @Nullable PositionLock activeLock(
      String symbol, Map<String, PositionLock> stateLocks, Instant now) {
    Optional<PositionLock> fromRegistry =
        Objects.requireNonNull(locks.activeLock(symbol, now), "locks returned null");
    if (fromRegistry.isPresent()) {
      return fromRegistry.get();
    }
    PositionLock lock = stateLocks.get(symbol);
    return lock != null && lock.isActiveAt(now) ? lock : null;
  }

  private BigDecimal checkedQty(HeldPosition sell) {
    BigDecimal qty =
        Objects.requireNonNull(sizer.sellQty(sell), "sizer returned null for " + sell.symbol());
    if (qty.signum() < 0 || qty.compareTo(sell.qty()) > 0) {
      throw new IllegalStateException(
          "sizer returned "
              + qty.toPlainString()
              + " for "
              + sell.symbol()
              + ", which holds "
              + sell.qty().toPlainString()
              + "; a sell quantity must be in [0, held]");
    }
    return qty;
  }

  /**
   * Positions rank by score, lowest first, then by entry time, earliest first with an unknown entry
   * before any known one, then by symbol. Symbols are unique, so this is a strict total order.
   */
  private static boolean weaker(HeldPosition a, HeldPosition b, Map<String, TrackedEntry> entries) {
    int c = a.score().compareTo(b.score());
    if (c != 0) {
      return c < 0;
    }
    TrackedEntry ea = entries.get(a.symbol());
    TrackedEntry eb = entries.get(b.symbol());
    if (ea == null && eb != null) {
      return true;
    }
    if (ea != null && eb == null) {
      return false;
    }
    if (ea != null) {
      int t = ea.entryTime().compareTo(eb.entryTime());
      if (t != 0) {
        return t < 0;
      }
    }
    return a.symbol().compareTo(b.symbol()) < 0;
  }

  private static void logLocked(PositionLock lock, Instant now) {
    LoggingEventBuilder e =
        LOG.atDebug()
            .setMessage(LogEvents.POSITION_LOCKED_SKIP_REBALANCING)
            .addKeyValue("symbol", lock.symbol());
    lock.reason().ifPresent(r -> e.addKeyValue("lock_reason", r));
    lock.lockedBy().ifPresent(b -> e.addKeyValue("locked_by", b));
    lock.expiresAt().ifPresent(x -> e.addKeyValue("expires_at", x));
    e.log();
  }

  private static void logDecision(
      Decision d,
      int positions,
      int eligible,
      int locked,
      int young,
      int unknown,
      int candidates,
      @Nullable HeldPosition weakest,
      @Nullable Candidate best,
      @Nullable BigDecimal diff) {
    LoggingEventBuilder e =
        LOG.atInfo()
            .setMessage(LogEvents.REBALANCE_DECISION)
            .addKeyValue("action", d.action())
            .addKeyValue("reason", d.reason())
            .addKeyValue("swaps", d.swaps().size());
    if (!d.swaps().isEmpty()) {
      List<String> sells = new ArrayList<>(d.swaps().size());
      List<String> buys = new ArrayList<>(d.swaps().size());
      for (Swap s : d.swaps()) {
        sells.add(s.sell());
        buys.add(s.buy());
      }
      e.addKeyValue("sell", String.join(",", sells)).addKeyValue("buy", String.join(",", buys));
    }
    e.addKeyValue("positions", positions)
        .addKeyValue("eligible", eligible)
        .addKeyValue("locked", locked)
        .addKeyValue("min_hold_time", young)
        .addKeyValue("no_entry_time", unknown)
        .addKeyValue("candidates", candidates);
    if (weakest != null && best != null && diff != null) {
      e.addKeyValue("weakest", weakest.symbol())
          .addKeyValue("weakest_score", weakest.score().toPlainString())
          .addKeyValue("best", best.symbol())
          .addKeyValue("best_score", best.score().toPlainString())
          .addKeyValue("score_diff", diff.toPlainString());
    }
    d.cooldownRemaining().ifPresent(r -> e.addKeyValue("cooldown_remaining", r));
    e.log();
  }

  private static List<List<IneligibilityReason>> reasonLists() {
    List<List<IneligibilityReason>> lists = new ArrayList<>(8);
    for (int flags = 0; flags < 8; flags++) {
      List<IneligibilityReason> l = new ArrayList<>(3);
      if ((flags & LOCKED) != 0) {
        l.add(IneligibilityReason.LOCKED);
      }
      if ((flags & YOUNG) != 0) {
        l.add(IneligibilityReason.MIN_HOLD_TIME);
      }
      if ((flags & UNKNOWN) != 0) {
        l.add(IneligibilityReason.UNKNOWN_ENTRY_TIME);
      }
      lists.add(List.copyOf(l));
    }
    return List.copyOf(lists);
  }

  @Override
  public String toString() {
    return "Rebalancer{config="
        + config
        + ", holdTimePolicy="
        + holdTimePolicy
        + ", cooldownPolicy="
        + cooldownPolicy
        + ", sizer="
        + sizer
        + ", locks="
        + locks
        + "}";
  }
}
