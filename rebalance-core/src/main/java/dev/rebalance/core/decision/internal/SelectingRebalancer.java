package dev.rebalance.core.decision.internal;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.UnknownEntryTimeRule;
import dev.rebalance.core.decision.CooldownPolicy;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionAction;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.HoldTimePolicy;
import dev.rebalance.core.decision.IneligibilityReason;
import dev.rebalance.core.decision.PartialSellSizer;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.decision.ReentryPolicy;
import dev.rebalance.core.decision.TurnoverPolicy;
import dev.rebalance.core.internal.Slf4jRequirement;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.core.tracking.RecentSwap;
import dev.rebalance.core.tracking.TrackerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Rebalancer}: one pass over the positions to assess them and keep the {@code k} weakest
 * eligible, one pass over the candidates to find duplicates and keep the {@code k} best (bounded
 * heaps, {@code k = min(maxSwapsPerScan, eligible)}), then pairing. Immutable and thread-safe.
 */
public final class SelectingRebalancer implements Rebalancer {
  private static final Logger log = LoggerFactory.getLogger(Rebalancer.class);

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
  private final Guards guards;

  /**
   * @param config the configuration
   * @param clock the clock
   * @param holdTimePolicy the hold-time policy
   * @param cooldownPolicy the cooldown policy
   * @param sizer the sizer
   * @param guards the re-entry block, turnover budget, affordability rule and cost gate
   */
  public SelectingRebalancer(
      RebalanceConfig config,
      Clock clock,
      HoldTimePolicy holdTimePolicy,
      CooldownPolicy cooldownPolicy,
      PartialSellSizer sizer,
      Guards guards) {
    Slf4jRequirement.check();
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.holdTimePolicy = Objects.requireNonNull(holdTimePolicy, "holdTimePolicy");
    this.cooldownPolicy = Objects.requireNonNull(cooldownPolicy, "cooldownPolicy");
    this.sizer = Objects.requireNonNull(sizer, "sizer");
    this.guards = Objects.requireNonNull(guards, "guards");
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

    // 1 and 2: disabled, cooldown, turnover budget. Positions are still assessed below for the
    // explanation.
    DecisionReason hold = null;
    Duration cooldownRemaining = null;
    Duration turnoverResetIn = null;
    int limit = config.maxSwapsPerScan();
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
    if (hold == null && guards.turnover() != TurnoverPolicy.unlimited()) {
      int remaining = guards.turnover().remaining(state.recentSwaps(), now);
      if (remaining <= 0) {
        hold = DecisionReason.TURNOVER_BUDGET;
        turnoverResetIn =
            Objects.requireNonNull(
                guards.turnover().resetIn(state.recentSwaps(), now),
                "turnoverPolicy returned null");
      } else {
        limit = Math.min(limit, remaining);
      }
    }
    boolean considering = hold == null;

    // 3: assess every position; keep the weakest eligible ones.
    Assessed assessed = assess(positions, state, now, considering ? limit : 0);
    int eligible = assessed.eligible;

    if (considering && eligible == 0) {
      hold = DecisionReason.NO_ELIGIBLE_POSITION;
      considering = false;
    }

    // 4: one pass over the candidates: duplicates always; when still deciding, the best not held
    // and not recently sold, and the recently sold ones.
    int pairs = considering ? Math.min(limit, eligible) : 0;
    Set<String> blocked = considering ? blockedSymbols(state, now) : Set.of();
    Candidates found = Candidates.select(candidates, assessed.held, blocked, pairs);
    List<Candidate> recentlySold = found.blocked;
    if (considering && found.best.isEmpty()) {
      hold = DecisionReason.NO_CANDIDATE;
      considering = false;
    }

    // 5: pairing, with affordability and the cost gate.
    Pairing pairing = new Pairing(config.scoreThreshold(), sizer, guards);
    if (considering) {
      List<HeldPosition> sells = assessed.weakest.sorted();
      pairing.pair(
          sells,
          found.best,
          found.best.size() < pairs,
          () ->
              Candidates.ranked(
                  candidates,
                  assessed.held,
                  blocked,
                  sells.get(0).score().add(config.scoreThreshold())));
      hold = pairing.hold;
    }

    Decision decision =
        Decision.builder()
            .decidedAt(now)
            .action(hold == null ? DecisionAction.SWAP : DecisionAction.HOLD)
            .reason(hold == null ? DecisionReason.SWAP : hold)
            .swaps(pairing.swaps)
            .cooldownRemaining(Optional.ofNullable(cooldownRemaining))
            .turnoverResetIn(Optional.ofNullable(turnoverResetIn))
            .positions(Arrays.asList(assessed.assessments))
            .skippedCandidates(Candidates.skipped(recentlySold, pairing.unaffordable))
            .preventedSwap(Optional.ofNullable(pairing.prevented))
            .build();

    if (hold == DecisionReason.COOLDOWN && log.isInfoEnabled()) {
      log.atInfo()
          .setMessage(LogEvents.REBALANCING_IN_COOLDOWN)
          .addKeyValue("last_rebalance", state.lastRebalance().get())
          .addKeyValue("cooldown_remaining", cooldownRemaining)
          .addKeyValue("now", now)
          .log();
    }
    if (log.isInfoEnabled()) {
      DecisionLog.decision(
          log,
          decision,
          new int[] {
            positions.size(),
            eligible,
            assessed.locked,
            assessed.young,
            assessed.unknown,
            candidates.size()
          },
          pairing.firstWeakest,
          pairing.firstBest,
          pairing.firstDiff);
    }
    return decision;
  }

  /** The symbols the re-entry block keeps from being bought now. */
  private Set<String> blockedSymbols(TrackerState state, Instant now) {
    if (guards.reentry() == ReentryPolicy.none() || state.recentSwaps().isEmpty()) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (RecentSwap s : state.recentSwaps()) {
      if (guards.reentry().blocks(s, now)) {
        out.add(s.sold());
      }
    }
    return out;
  }

  /**
   * Step 3: assesses every position (locks, hold time, entry time) and keeps the {@code
   * maxSwapsPerScan} weakest eligible ones when {@code considering}. Its own method, so the JIT
   * compiles the loop with its calls inlined.
   */
  private Assessed assess(List<HeldPosition> positions, TrackerState state, Instant now, int k) {
    boolean considering = k > 0;
    Map<String, TrackedEntry> entries = state.entries();
    Map<String, PositionLock> stateLocks = state.locks();
    boolean block = config.unknownEntryTime() == UnknownEntryTimeRule.BLOCK;
    boolean debug = considering && log.isDebugEnabled();
    int n = positions.size();
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
          DecisionLog.locked(log, lock);
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
          log.atDebug()
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
    PositionLock lock = stateLocks.get(symbol);
    return lock != null && lock.isActiveAt(now) ? lock : null;
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
    if (ea != null && eb != null) {
      int t = ea.entryTime().compareTo(eb.entryTime());
      if (t != 0) {
        return t < 0;
      }
    }
    return a.symbol().compareTo(b.symbol()) < 0;
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
        + ", guards="
        + guards
        + "}";
  }
}
