package dev.rebalance.cli.dashboard;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A seeded store and a clock the tests move: three positions, one lock, three swaps. */
final class Seed {
  static final String ACCOUNT = "default";
  static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  static final String TOKEN = "test-token-abcdefghijklmnopqrstuvwxyz";

  private Seed() {}

  /** A clock whose time a test sets. */
  static final class MovingClock extends Clock {
    volatile Instant now = NOW;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static void seed(TrackerStore store) {
    store.putEntry(
        ACCOUNT, entry("AAPL", NOW.minus(Duration.ofDays(9)), "180.50", EntrySource.FILL));
    store.putEntry(
        ACCOUNT,
        entry("MSFT", NOW.minus(Duration.ofHours(30)), "410.00", EntrySource.RECONCILIATION));
    store.putEntry(
        ACCOUNT, entry("NVDA", NOW.minus(Duration.ofMinutes(50)), "120.25", EntrySource.IMPORT));
    store.putLock(
        ACCOUNT,
        PositionLock.builder()
            .symbol("MSFT")
            .reason("earnings")
            .lockedAt(NOW.minus(Duration.ofHours(2)))
            .expiresAt(NOW.plus(Duration.ofDays(3)))
            .build());
    store.appendHistory(
        ACCOUNT,
        swap(NOW.minus(Duration.ofDays(9)), "PEP", "AAPL", "0.61", "0.74", "150", "180.50"));
    store.appendHistory(
        ACCOUNT, swap(NOW.minus(Duration.ofDays(4)), "KO", "MSFT", "0.55", "0.90", "60", "410.00"));
    store.appendHistory(
        ACCOUNT,
        swap(NOW.minus(Duration.ofMinutes(50)), "INTC", "NVDA", "0.70", "0.78", "30", "120.25"));
    store.setLastRebalance(ACCOUNT, NOW.minus(Duration.ofMinutes(50)));
  }

  static TrackedEntry entry(String symbol, Instant at, String price, EntrySource source) {
    return TrackedEntry.builder()
        .symbol(symbol)
        .entryTime(at)
        .entryPrice(new BigDecimal(price))
        .qty(new BigDecimal("10"))
        .score(new BigDecimal("0.8"))
        .source(source)
        .build();
  }

  static RebalanceEvent swap(
      Instant at,
      String sold,
      String bought,
      String oldScore,
      String newScore,
      String sellPrice,
      String buyPrice) {
    return RebalanceEvent.builder()
        .timestamp(at)
        .oldSymbol(sold)
        .newSymbol(bought)
        .oldScore(new BigDecimal(oldScore))
        .newScore(new BigDecimal(newScore))
        .soldQty(new BigDecimal("10"))
        .sellFraction(BigDecimal.ONE)
        .sellPrice(new BigDecimal(sellPrice))
        .boughtQty(new BigDecimal("8"))
        .buyPrice(new BigDecimal(buyPrice))
        .build();
  }
}
