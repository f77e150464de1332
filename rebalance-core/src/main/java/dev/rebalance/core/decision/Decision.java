package dev.rebalance.core.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What the {@link Rebalancer} decided for one scan, and why: the action, the primary reason, the
 * swaps (empty on HOLD), the cooldown remaining (on a COOLDOWN hold), and every held position's
 * eligibility with all its reasons.
 *
 * <p>A decision is a value: computing it has no side effects, and executing or recording it are
 * separate steps. Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class Decision {
  /** The time the decision was made for. */
  public abstract Instant decidedAt();

  /** SWAP or HOLD. */
  public abstract DecisionAction action();

  /** {@link DecisionReason#SWAP} for a swap; for a hold the first reason that applies. */
  public abstract DecisionReason reason();

  /** The swaps, in pairing order (weakest with best first); empty on HOLD. */
  public abstract List<Swap> swaps();

  /** On a COOLDOWN hold, how long until a swap is allowed; otherwise empty. */
  public abstract Optional<Duration> cooldownRemaining();

  /** Every held position, in input order, with its eligibility. */
  public abstract List<PositionAssessment> positions();

  /**
   * The candidates passed over and not bought ({@link CandidateReason}), in rank order (score
   * descending, then symbol); empty when the decision stopped before looking at candidates.
   */
  public abstract List<SkippedCandidate> skippedCandidates();

  /**
   * On a {@link DecisionReason#NO_AFFORDABLE_CANDIDATE} or {@link DecisionReason#COST_EXCEEDS_EDGE}
   * hold, the swap the guard refused: the weakest eligible position's sale with the best candidate
   * that cleared the threshold (NO_AFFORDABLE_CANDIDATE), or with the candidate it could afford,
   * carrying the edge and cost (COST_EXCEEDS_EDGE), so it can be explained and its would-be payoff
   * valued later. Otherwise empty.
   */
  public abstract Optional<Swap> preventedSwap();

  /** On a TURNOVER_BUDGET hold, how long until the budget allows a swap; otherwise empty. */
  public abstract Optional<Duration> turnoverResetIn();

  /** Whether this decision is a swap. */
  public final boolean isSwap() {
    return action() == DecisionAction.SWAP;
  }

  @Value.Check
  void check() {
    if ((action() == DecisionAction.SWAP) != (reason() == DecisionReason.SWAP)) {
      throw new IllegalArgumentException(
          "reason must be SWAP exactly when action is SWAP, was " + action() + "/" + reason());
    }
    if (isSwap() == swaps().isEmpty()) {
      throw new IllegalArgumentException("swaps must be non-empty exactly when action is SWAP");
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Decision}; not thread-safe. */
  public static final class Builder extends ImmutableDecision.Builder {
    Builder() {}
  }
}
