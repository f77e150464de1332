package dev.rebalance.tck.internal;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One generated store operation, applied both to a real store and to the {@link StoreModel}; its
 * {@link #toString()} is what a failing property prints, so it reads like the call it makes.
 */
public final class Op {
  /** The accounts operations pick from. */
  public static final List<String> ACCOUNTS = List.of("acct-a", "acct-b");

  /** The symbols operations pick from. */
  public static final List<String> SYMBOLS = List.of("AAPL", "BRK.B", "MSFT", "PEP");

  /** The cooldown claims use. */
  public static final Duration COOLDOWN = Duration.ofMinutes(60);

  private static final int KINDS = 10;

  private final int kind;
  private final String account;
  private final String symbol;
  private final int symbolIndex;
  private final int minute;
  private final Instant base;

  private Op(int kind, int account, int symbol, int minute, Instant base) {
    this.kind = Math.floorMod(kind, KINDS);
    this.account = ACCOUNTS.get(Math.floorMod(account, ACCOUNTS.size()));
    this.symbolIndex = Math.floorMod(symbol, SYMBOLS.size());
    this.symbol = SYMBOLS.get(symbolIndex);
    this.minute = Math.floorMod(minute, 241);
    this.base = base;
  }

  /**
   * Decodes generated integers into an operation.
   *
   * @param kind which operation
   * @param account which account
   * @param symbol which symbol
   * @param minute the operation's time in minutes after {@code base}
   * @param base the time origin
   * @return the operation
   */
  public static Op of(int kind, int account, int symbol, int minute, Instant base) {
    return new Op(kind, account, symbol, minute, base);
  }

  /** The number of distinct operation kinds. */
  public static int kinds() {
    return KINDS;
  }

  private Instant at() {
    return base.plus(Duration.ofMinutes(minute));
  }

  /**
   * Applies the operation to the store.
   *
   * @param store the store under test
   * @return what the call returned (or a marker for void calls)
   */
  public Object applyTo(TrackerStore store) {
    switch (kind) {
      case 0:
        store.putEntry(account, entry());
        return "ok";
      case 1:
        return store.removeEntry(account, symbol);
      case 2:
        store.putLock(account, lock());
        return "ok";
      case 3:
        return store.removeLock(account, symbol);
      case 4:
        return store.removeAllLocks(account);
      case 5:
        store.appendHistory(account, event());
        return "ok";
      case 6:
        return store.claimRebalance(account, at(), COOLDOWN);
      case 7:
        store.setLastRebalance(account, at());
        return "ok";
      case 8:
        store.putIntent(account, intent());
        return "ok";
      default:
        return store.history(account, symbolIndex + 1, minute % 3);
    }
  }

  /**
   * Applies the operation to the model.
   *
   * @param model the oracle
   * @return what the contract says the call returns
   */
  public Object applyTo(StoreModel model) {
    switch (kind) {
      case 0:
        model.putEntry(account, entry());
        return "ok";
      case 1:
        return model.removeEntry(account, symbol);
      case 2:
        model.putLock(account, lock());
        return "ok";
      case 3:
        return model.removeLock(account, symbol);
      case 4:
        return model.removeAllLocks(account);
      case 5:
        model.appendHistory(account, event());
        return "ok";
      case 6:
        return model.claimRebalance(account, at(), COOLDOWN);
      case 7:
        model.setLastRebalance(account, at());
        return "ok";
      case 8:
        model.putIntent(account, intent());
        return "ok";
      default:
        return model.history(account, symbolIndex + 1, minute % 3);
    }
  }

  private TrackedEntry entry() {
    return TrackedEntry.builder()
        .symbol(symbol)
        .entryTime(at())
        .entryPrice(new BigDecimal(minute + 1).movePointLeft(2))
        .score(new BigDecimal(minute).movePointLeft(1))
        .build();
  }

  private PositionLock lock() {
    PositionLock.Builder b = PositionLock.builder().symbol(symbol).lockedAt(at()).lockedBy("prop");
    if (minute % 2 == 1) {
      b.expiresAt(at().plus(Duration.ofMinutes(minute)));
    }
    return b.build();
  }

  private RebalanceEvent event() {
    return RebalanceEvent.builder()
        .timestamp(at())
        .oldSymbol(symbol)
        .newSymbol("NEW" + minute)
        .oldScore(new BigDecimal(minute % 17).movePointLeft(1))
        .newScore(new BigDecimal(minute % 23))
        .build();
  }

  private SwapIntent intent() {
    SwapStatus status = SwapStatus.values()[minute % SwapStatus.values().length];
    return SwapIntent.builder()
        .id("intent-" + symbolIndex)
        .createdAt(at().plusSeconds(symbolIndex))
        .updatedAt(at().plusSeconds(symbolIndex))
        .status(status)
        .sellSymbol(symbol)
        .sellQty(BigDecimal.TEN)
        .sellFraction(BigDecimal.ONE)
        .buySymbol("NEW" + minute)
        .oldScore(BigDecimal.ONE)
        .newScore(new BigDecimal(minute))
        .build();
  }

  @Override
  public String toString() {
    String t = "T+" + minute + "m";
    switch (kind) {
      case 0:
        return "putEntry(" + account + ", " + symbol + " @" + t + ")";
      case 1:
        return "removeEntry(" + account + ", " + symbol + ")";
      case 2:
        return "putLock("
            + account
            + ", "
            + symbol
            + " @"
            + t
            + (minute % 2 == 1 ? " expiring" : "")
            + ")";
      case 3:
        return "removeLock(" + account + ", " + symbol + ")";
      case 4:
        return "removeAllLocks(" + account + ")";
      case 5:
        return "appendHistory(" + account + ", " + symbol + " @" + t + ")";
      case 6:
        return "claimRebalance(" + account + ", " + t + ", PT60M)";
      case 7:
        return "setLastRebalance(" + account + ", " + t + ")";
      case 8:
        return "putIntent(" + account + ", intent-" + symbolIndex + " @" + t + ")";
      default:
        return "history("
            + account
            + ", limit "
            + (symbolIndex + 1)
            + ", offset "
            + (minute % 3)
            + ")";
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Op other
        && kind == other.kind
        && account.equals(other.account)
        && symbolIndex == other.symbolIndex
        && minute == other.minute
        && base.equals(other.base);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, account, symbolIndex, minute, base);
  }
}
