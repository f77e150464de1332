package dev.rebalance.core;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Decides, for one scan, whether to swap held positions for better-scored candidates, and explains
 * why. See the project's DESIGN.md, "The decision", for the rules it applies in order: disabled,
 * cooldown, per-position eligibility (lock, minimum hold time, unknown entry time), weakest eligible
 * against best candidate, threshold, sizing, and at most {@code maxSwapsPerScan} pairs.
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

  /** The configuration this rebalancer applies. */
  RebalanceConfig config();

  /** The clock {@link #decide(List, List, TrackerState)} reads. */
  Clock clock();
}
