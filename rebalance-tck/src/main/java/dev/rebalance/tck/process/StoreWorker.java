package dev.rebalance.tck.process;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The main class the worker processes run. Arguments: {@code OPENER LOCATION ACCOUNT MODE ...}
 * where OPENER is the class name of a {@link StoreOpener}. Modes:
 *
 * <ul>
 *   <li>{@code lock PREFIX COUNT} — locks {@code PREFIX-0 .. PREFIX-(COUNT-1)}, printing {@code ack
 *       lock SYMBOL} after each write returns, then {@code done};
 *   <li>{@code crash START} — prints {@code ready} once the store is open, then writes forever
 *       (entry, lock, history event, last-rebalance time, in turn, numbered from START), printing
 *       {@code ack KIND N} after each write returns, until it is killed;
 *   <li>{@code sync COUNT} — as {@code crash}, but stops after COUNT writes and prints {@code done}
 *       ({@link SyncAudit} traces it).
 * </ul>
 *
 * <p>A line is printed only after the write it acknowledges returned, so every acknowledged write
 * must be in the store after any crash.
 */
public final class StoreWorker {
  /** The time origin of the workers' writes. */
  public static final Instant T0 = Instant.parse("2025-11-25T14:30:00Z");

  private StoreWorker() {}

  /**
   * Runs a worker.
   *
   * @param args {@code OPENER LOCATION ACCOUNT MODE ...}
   * @throws Exception if the store fails (the process then exits non-zero)
   */
  public static void main(String[] args) throws Exception {
    StoreOpener opener =
        (StoreOpener) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    String account = args[2];
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (TrackerStore store = opener.open(args[1])) {
      switch (args[3]) {
        case "lock" -> {
          String prefix = args[4];
          int count = Integer.parseInt(args[5]);
          for (int i = 0; i < count; i++) {
            String symbol = prefix + "-" + i;
            store.putLock(account, lock(symbol, i));
            out.println("ack lock " + symbol);
            out.flush();
          }
          out.println("done");
          out.flush();
        }
        case "crash" -> {
          out.println("ready");
          out.flush();
          for (long i = Long.parseLong(args[4]); ; i++) {
            String kind = write(store, account, i);
            out.println("ack " + kind + " " + i);
            out.flush();
          }
        }
        case "sync" -> {
          out.println("ready");
          out.flush();
          int count = Integer.parseInt(args[4]);
          for (long i = 0; i < count; i++) {
            String kind = write(store, account, i);
            out.println("ack " + kind + " " + i);
            out.flush();
          }
          out.println("done");
          out.flush();
        }
        default -> throw new IllegalArgumentException("unknown mode " + args[3]);
      }
    }
  }

  static PositionLock lock(String symbol, long i) {
    return PositionLock.builder()
        .symbol(symbol)
        .lockedAt(T0.plusSeconds(i))
        .lockedBy("worker")
        .build();
  }

  /** The entry symbol of write number {@code i}. */
  static String entrySymbol(long i) {
    return "E" + i;
  }

  /** The lock symbol of write number {@code i}. */
  static String lockSymbol(long i) {
    return "L" + i;
  }

  /** The bought symbol of the history event of write number {@code i}. */
  static String historySymbol(long i) {
    return "N" + i;
  }

  /** The last-rebalance time of write number {@code i}. */
  static Instant rebalanceTime(long i) {
    return T0.plusSeconds(i);
  }

  static String write(TrackerStore store, String account, long i) {
    switch ((int) (i % 4)) {
      case 0:
        store.putEntry(
            account,
            TrackedEntry.builder()
                .symbol(entrySymbol(i))
                .entryTime(T0.plusSeconds(i))
                .entryPrice(new BigDecimal("100.25"))
                .build());
        return "entry";
      case 1:
        store.putLock(account, lock(lockSymbol(i), i));
        return "lock";
      case 2:
        store.appendHistory(
            account,
            RebalanceEvent.builder()
                .timestamp(T0.plusSeconds(i))
                .oldSymbol("OLD")
                .newSymbol(historySymbol(i))
                .oldScore(BigDecimal.ONE)
                .newScore(new BigDecimal(i % 1000))
                .build());
        return "history";
      default:
        store.setLastRebalance(account, rebalanceTime(i));
        return "rebalance";
    }
  }
}
