package dev.rebalance.cli;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.tracking.TrackerState;
import java.time.Instant;
import java.util.List;

/**
 * One validated {@code explain} scenario: everything the engine needs for one decision (see the
 * scenario format in {@code docs/cli-explain.md}). Immutable; the lists are unmodifiable copies.
 *
 * @param now the decision time
 * @param config the rebalancing settings
 * @param positions the held positions, in input order
 * @param candidates the scored candidates, in input order
 * @param tracker the tracker's entries, locks and last rebalance
 */
record Scenario(
    Instant now,
    RebalanceConfig config,
    List<HeldPosition> positions,
    List<Candidate> candidates,
    TrackerState tracker) {

  Scenario {
    positions = List.copyOf(positions);
    candidates = List.copyOf(candidates);
  }
}
