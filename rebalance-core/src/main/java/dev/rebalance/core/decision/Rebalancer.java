package dev.rebalance.core.decision;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.UnknownEntryTimeRule;
import dev.rebalance.core.decision.internal.Guards;
import dev.rebalance.core.decision.internal.SelectingRebalancer;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.core.tracking.TrackerState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides, for one scan, whether to swap held positions for better-scored candidates, and explains
 * why. It composes three policies — {@link HoldTimePolicy}, {@link CooldownPolicy} and {@link
 * PartialSellSizer} — with the locks in the scan's {@link TrackerState} (their one source: the
 * store, read by {@link TrackerState#load}) and applies them in this order:
 *
 * <ol>
 *   <li>Rebalancing disabled: HOLD {@link DecisionReason#DISABLED}.
 *   <li>A last rebalance exists and the cooldown policy reports time remaining: HOLD {@link
 *       DecisionReason#COOLDOWN}, with {@link Decision#cooldownRemaining()}. Exactly at the
 *       boundary a swap is allowed.
 *   <li>Every held position is assessed, whatever the outcome, and gets every reason that applies,
 *       in this order: {@link IneligibilityReason#LOCKED} (an active lock in the scan's {@link
 *       TrackerState}), {@link IneligibilityReason#MIN_HOLD_TIME} (the hold-time policy refuses its
 *       tracked entry time; held exactly the minimum is eligible), {@link
 *       IneligibilityReason#UNKNOWN_ENTRY_TIME} (no tracked entry and {@link
 *       UnknownEntryTimeRule#BLOCK}; with {@code ALLOW} it counts as held long enough).
 *   <li>No eligible position (or nothing held): HOLD {@link DecisionReason#NO_ELIGIBLE_POSITION}.
 *       No candidate that is not already held: HOLD {@link DecisionReason#NO_CANDIDATE}.
 *   <li>The weakest eligible position (lowest score; ties: earliest entry time, an unknown entry
 *       counting as earliest; then symbol) is paired with the best candidate (highest score; ties:
 *       symbol). If {@code best - weakest >= scoreThreshold}, exactly as decimals, it is a swap;
 *       otherwise HOLD {@link DecisionReason#BELOW_THRESHOLD}.
 *   <li>The sizer turns the sell fraction into a quantity; zero is HOLD {@link
 *       DecisionReason#SIZE_ROUNDS_TO_ZERO}, never a zero-quantity order.
 *   <li>With {@code maxSwapsPerScan = k > 1}, the i-th weakest is paired with the i-th best for i
 *       up to k while each pair clears the threshold and its size is not zero; the first pair that
 *       fails ends the scan.
 * </ol>
 *
 * <p>Four guards, each off by default, refine this (docs/engine.md, "Guards beyond the threshold"):
 * right after the cooldown the {@link TurnoverPolicy} may HOLD {@link
 * DecisionReason#TURNOVER_BUDGET}; before choosing candidates the {@link ReentryPolicy} removes
 * recently sold symbols ({@link CandidateReason#RECENTLY_SOLD}); for each pair, after sizing, the
 * {@link AffordabilityPolicy} walks the candidates that clear the threshold until one is affordable
 * ({@link CandidateReason#UNAFFORDABLE}, HOLD {@link DecisionReason#NO_AFFORDABLE_CANDIDATE}), and
 * the {@link CostGate} refuses a pair whose net edge is below the minimum (HOLD {@link
 * DecisionReason#COST_EXCEEDS_EDGE}). Passed-over candidates are on {@link
 * Decision#skippedCandidates()}.
 *
 * <p>Symbols are compared exactly ({@link String#compareTo} for ties). A symbol listed twice among
 * the positions or twice among the candidates is an error ({@link IllegalArgumentException}).
 *
 * <p>Worked example, with the defaults (threshold 10, min hold 30 min, cooldown 60 min, fraction 1,
 * BLOCK) at 15:45: held BRK.B (score 40, locked), PEP (52.1, entered 10:00), KO (50, entered 15:30)
 * and AAPL (80, no tracked entry); candidates AAPL (99) and TSLA (75.3); last rebalance 14:30. The
 * cooldown has passed (75 min). BRK.B is {@code LOCKED}, KO is {@code MIN_HOLD_TIME}, AAPL is
 * {@code UNKNOWN_ENTRY_TIME}; only PEP is eligible, so it is the weakest. AAPL is held and is never
 * bought, so TSLA is the best. 75.3 - 52.1 = 23.2 >= 10: SWAP all of PEP for TSLA, and the decision
 * lists all four positions with their reasons.
 *
 * <p>Cost: one pass over the positions and one over the candidates, keeping only the {@code
 * maxSwapsPerScan} best and weakest (a bounded selection, not a sort), so a decision is linear in
 * the number of candidates.
 *
 * <p>Logging (logger {@code dev.rebalance.core.decision.Rebalancer}): one INFO event {@value
 * LogEvents#REBALANCE_DECISION} per decision with its action, reason and counts; INFO {@value
 * LogEvents#REBALANCING_IN_COOLDOWN} on a cooldown hold; DEBUG {@value
 * LogEvents#POSITION_LOCKED_SKIP_REBALANCING} and {@value LogEvents#NO_TRACKED_ENTRY_TIME} per
 * position, because they repeat every scan (their counts are on the INFO event). A bot scanning
 * every 15 minutes can leave INFO on.
 *
 * <p>A rebalancer is immutable and thread-safe: one instance may serve every scan of every account
 * at the same time. Deciding has no side effects; executing and recording a decision are separate
 * steps.
 */
public interface Rebalancer {

  /**
   * Decides at an explicit time. A pure function of its arguments and the rebalancer's policies.
   *
   * @param positions the held positions, in the order they are to be reported
   * @param candidates the scored candidates, in any order
   * @param state the tracker's entries, locks and last rebalance
   * @param now the decision time
   * @return the decision with its explanation
   * @throws IllegalArgumentException if a symbol appears twice among positions or among candidates
   * @throws NullPointerException if an argument is null
   */
  Decision decide(
      List<HeldPosition> positions, List<Candidate> candidates, TrackerState state, Instant now);

  /**
   * Decides at the rebalancer's clock's current instant.
   *
   * @param positions the held positions
   * @param candidates the scored candidates
   * @param state the tracker state
   * @return the decision
   */
  default Decision decide(
      List<HeldPosition> positions, List<Candidate> candidates, TrackerState state) {
    return decide(positions, candidates, state, clock().instant());
  }

  /**
   * The configuration this rebalancer was built from.
   *
   * @return the configuration
   */
  RebalanceConfig config();

  /**
   * The cooldown policy this rebalancer decides with; the executor claims the cooldown slot under
   * the same policy, so the two can never disagree.
   *
   * <p>The default is a fixed cooldown of {@code config().cooldown()}; a rebalancer built with
   * {@link Builder#cooldownPolicy} returns that policy.
   *
   * @return the cooldown policy
   */
  default CooldownPolicy cooldownPolicy() {
    return CooldownPolicy.fixed(config().cooldown());
  }

  /**
   * The clock {@link #decide(List, List, TrackerState)} reads.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * A rebalancer with the policies {@code config} describes and the system UTC clock.
   *
   * @param config the configuration
   * @return the rebalancer
   */
  static Rebalancer of(RebalanceConfig config) {
    return builder().config(config).build();
  }

  /**
   * A rebalancer with the policies {@code config} describes and the given clock.
   *
   * @param config the configuration
   * @param clock the clock for {@link #decide(List, List, TrackerState)}
   * @return the rebalancer
   */
  static Rebalancer of(RebalanceConfig config, Clock clock) {
    return builder().config(config).clock(clock).build();
  }

  /**
   * A new builder: every policy defaults from the configuration (itself {@link
   * RebalanceConfig#defaults()} unless set).
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link Rebalancer}. Each setter replaces a default; {@link #build()} copies the
   * current settings, so the builder may be changed and reused afterwards without affecting
   * rebalancers already built. Not thread-safe.
   */
  final class Builder {
    private RebalanceConfig config = RebalanceConfig.defaults();
    private @Nullable Clock clock;
    private @Nullable HoldTimePolicy holdTimePolicy;
    private @Nullable CooldownPolicy cooldownPolicy;
    private @Nullable PartialSellSizer sizer;
    private @Nullable ReentryPolicy reentryPolicy;
    private @Nullable TurnoverPolicy turnoverPolicy;
    private AffordabilityPolicy affordabilityPolicy = AffordabilityPolicy.wholeShare();
    private @Nullable CostGate costGate;

    Builder() {}

    /**
     * The configuration. Default {@link RebalanceConfig#defaults()}. Supplies {@code enabled},
     * {@code scoreThreshold}, {@code unknownEntryTime} and {@code maxSwapsPerScan}, and the
     * defaults of the hold-time, cooldown and sizing policies.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(RebalanceConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * The clock read by {@link Rebalancer#decide(List, List, TrackerState)}. Default {@link
     * Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The hold-time policy. Default {@code HoldTimePolicy.minimum(config.minHoldTime())}.
     *
     * @param holdTimePolicy the policy
     * @return this builder
     */
    public Builder holdTimePolicy(HoldTimePolicy holdTimePolicy) {
      this.holdTimePolicy = Objects.requireNonNull(holdTimePolicy, "holdTimePolicy");
      return this;
    }

    /**
     * The cooldown policy. Default {@code CooldownPolicy.fixed(config.cooldown())}.
     *
     * @param cooldownPolicy the policy
     * @return this builder
     */
    public Builder cooldownPolicy(CooldownPolicy cooldownPolicy) {
      this.cooldownPolicy = Objects.requireNonNull(cooldownPolicy, "cooldownPolicy");
      return this;
    }

    /**
     * The sizer. Default {@code PartialSellSizer.of(config.sellFraction())}.
     *
     * @param sizer the sizer
     * @return this builder
     */
    public Builder sizer(PartialSellSizer sizer) {
      this.sizer = Objects.requireNonNull(sizer, "sizer");
      return this;
    }

    /**
     * The re-entry block. Default {@code ReentryPolicy.block(config.reentryBlock())}, which is
     * {@link ReentryPolicy#none()} for the default {@code PT0S}.
     *
     * @param reentryPolicy the policy
     * @return this builder
     */
    public Builder reentryPolicy(ReentryPolicy reentryPolicy) {
      this.reentryPolicy = Objects.requireNonNull(reentryPolicy, "reentryPolicy");
      return this;
    }

    /**
     * The turnover budget. Default {@code TurnoverPolicy.slidingWindow(config.turnoverBudget())}
     * when the configuration has one, else {@link TurnoverPolicy#unlimited()}.
     *
     * @param turnoverPolicy the policy
     * @return this builder
     */
    public Builder turnoverPolicy(TurnoverPolicy turnoverPolicy) {
      this.turnoverPolicy = Objects.requireNonNull(turnoverPolicy, "turnoverPolicy");
      return this;
    }

    /**
     * The affordability rule. Default {@link AffordabilityPolicy#wholeShare()}, which only acts
     * when prices are known.
     *
     * @param affordabilityPolicy the policy
     * @return this builder
     */
    public Builder affordabilityPolicy(AffordabilityPolicy affordabilityPolicy) {
      this.affordabilityPolicy = Objects.requireNonNull(affordabilityPolicy, "affordabilityPolicy");
      return this;
    }

    /**
     * The cost gate. Default {@code CostGate.of(config.costs())} when the configuration has costs,
     * else {@link CostGate#none()}.
     *
     * @param costGate the gate
     * @return this builder
     */
    public Builder costGate(CostGate costGate) {
      this.costGate = Objects.requireNonNull(costGate, "costGate");
      return this;
    }

    /**
     * Builds the rebalancer from the current settings.
     *
     * @return a new, immutable rebalancer
     */
    public Rebalancer build() {
      RebalanceConfig c = config;
      return new SelectingRebalancer(
          c,
          clock != null ? clock : Clock.systemUTC(),
          holdTimePolicy != null ? holdTimePolicy : HoldTimePolicy.minimum(c.minHoldTime()),
          cooldownPolicy != null ? cooldownPolicy : CooldownPolicy.fixed(c.cooldown()),
          sizer != null ? sizer : PartialSellSizer.of(c.sellFraction()),
          new Guards(
              reentryPolicy != null ? reentryPolicy : ReentryPolicy.block(c.reentryBlock()),
              turnoverPolicy != null
                  ? turnoverPolicy
                  : c.turnoverBudget()
                      .map(TurnoverPolicy::slidingWindow)
                      .orElse(TurnoverPolicy.unlimited()),
              affordabilityPolicy,
              costGate != null ? costGate : c.costs().map(CostGate::of).orElse(CostGate.none())));
    }
  }
}
