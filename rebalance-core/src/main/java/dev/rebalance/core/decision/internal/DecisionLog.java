package dev.rebalance.core.decision.internal;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.SkippedCandidate;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.log.LogEvents;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/** The engine's log events, with stable snake_case keys. Stateless and thread-safe. */
final class DecisionLog {
  private DecisionLog() {}

  static void locked(Logger log, PositionLock lock) {
    LoggingEventBuilder e =
        log.atDebug()
            .setMessage(LogEvents.POSITION_LOCKED_SKIP_REBALANCING)
            .addKeyValue("symbol", lock.symbol());
    if (lock.reason().isPresent()) {
      e = e.addKeyValue("lock_reason", lock.reason().get());
    }
    if (lock.lockedBy().isPresent()) {
      e = e.addKeyValue("locked_by", lock.lockedBy().get());
    }
    if (lock.expiresAt().isPresent()) {
      e = e.addKeyValue("expires_at", lock.expiresAt().get());
    }
    e.log();
  }

  /**
   * @param counts positions, eligible, locked, too young, no entry time, candidates
   */
  static void decision(
      Logger log,
      Decision d,
      int[] counts,
      @Nullable HeldPosition weakest,
      @Nullable Candidate best,
      @Nullable BigDecimal diff) {
    LoggingEventBuilder e =
        log.atInfo()
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
      e = e.addKeyValue("sell", String.join(",", sells)).addKeyValue("buy", String.join(",", buys));
    }
    e =
        e.addKeyValue("positions", counts[0])
            .addKeyValue("eligible", counts[1])
            .addKeyValue("locked", counts[2])
            .addKeyValue("min_hold_time", counts[3])
            .addKeyValue("no_entry_time", counts[4])
            .addKeyValue("candidates", counts[5]);
    if (weakest != null && best != null && diff != null) {
      e =
          e.addKeyValue("weakest", weakest.symbol())
              .addKeyValue("weakest_score", weakest.score().toPlainString())
              .addKeyValue("best", best.symbol())
              .addKeyValue("best_score", best.score().toPlainString())
              .addKeyValue("score_diff", diff.toPlainString());
    }
    if (!d.skippedCandidates().isEmpty()) {
      List<String> skipped = new ArrayList<>(d.skippedCandidates().size());
      for (SkippedCandidate s : d.skippedCandidates()) {
        skipped.add(s.symbol() + ":" + s.reasons().get(0));
      }
      e = e.addKeyValue("skipped", String.join(",", skipped));
    }
    if (d.cooldownRemaining().isPresent()) {
      e = e.addKeyValue("cooldown_remaining", d.cooldownRemaining().get());
    }
    if (d.turnoverResetIn().isPresent()) {
      e = e.addKeyValue("turnover_reset_in", d.turnoverResetIn().get());
    }
    e.log();
  }
}
