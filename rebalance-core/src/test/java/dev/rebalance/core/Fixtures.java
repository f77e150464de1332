package dev.rebalance.core;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.tracking.TrackerState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** Small builders for engine tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2025-11-25T15:45:00Z");
  static final Instant LONG_AGO = NOW.minus(Duration.ofHours(5));

  private Fixtures() {}

  static HeldPosition pos(String symbol, String qty, String score) {
    return HeldPosition.builder()
        .symbol(symbol)
        .qty(new BigDecimal(qty))
        .price(new BigDecimal("100"))
        .score(new BigDecimal(score))
        .build();
  }

  static HeldPosition fractional(String symbol, String qty, String score) {
    return HeldPosition.builder()
        .symbol(symbol)
        .qty(new BigDecimal(qty))
        .score(new BigDecimal(score))
        .fractionable(true)
        .build();
  }

  static Candidate cand(String symbol, String score) {
    return Candidate.of(symbol, new BigDecimal(score));
  }

  static TrackedEntry entry(String symbol, Instant at) {
    return TrackedEntry.builder().symbol(symbol).entryTime(at).build();
  }

  static PositionLock lock(String symbol) {
    return PositionLock.builder().symbol(symbol).lockedAt(LONG_AGO).reason("conviction").build();
  }

  static PositionLock lockUntil(String symbol, Instant expiresAt) {
    return PositionLock.builder().symbol(symbol).lockedAt(LONG_AGO).expiresAt(expiresAt).build();
  }

  /** A state in which every given symbol was entered long ago. */
  static TrackerState.Builder enteredLongAgo(String... symbols) {
    TrackerState.Builder b = TrackerState.builder();
    for (String s : symbols) {
      b.putEntries(s, entry(s, LONG_AGO));
    }
    return b;
  }
}
