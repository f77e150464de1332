package dev.rebalance.examples;

import dev.rebalance.alpaca.AlpacaBroker;
import dev.rebalance.alpaca.AlpacaConfig;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.Sleeper;
import dev.rebalance.api.broker.MarketClock;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.tracking.EntryReconciler;
import dev.rebalance.core.tracking.LockManager;
import dev.rebalance.core.tracking.ReconciliationReport;
import dev.rebalance.examples.sim.SyntheticMarket;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Real-time mode against Alpaca: reads the {@code APCA_*} variables, refuses a live trading URL
 * unless {@code --live} was given, reconciles tracked entries with the account at start-up,
 * finishes swaps left open by a previous run, then scans every {@code --interval} while the market
 * is open, scoring the universe from prices it samples itself.
 *
 * <p>Not thread-safe; one loop runs at a time.
 */
final class AlpacaMode {
  /** How many sampled prices the scorer may look back on. */
  private static final int HISTORY = 64;

  /** The momentum lookback in scans: one hour at 15-minute scans. */
  private static final int LOOKBACK = 4;

  private AlpacaMode() {}

  /**
   * Builds the Alpaca configuration from the environment, refusing a live URL without {@code
   * --live} (even when the environment would allow it).
   */
  static AlpacaConfig config(Map<String, String> env, boolean live) {
    AlpacaConfig.Builder b = AlpacaConfig.builder().environment(env);
    if (live) {
      b.allowLive(true);
    }
    AlpacaConfig cfg;
    try {
      cfg = b.build();
    } catch (InvalidConfigException e) {
      throw new InvalidConfigException(
          e.getMessage() + (e.getMessage().contains("live") ? " (pass --live)" : ""), e);
    }
    if (cfg.isLive() && !live) {
      throw new InvalidConfigException(
          "APCA_API_BASE_URL "
              + cfg.baseUrl()
              + " is a live (real-money) trading URL; pass --live to trade it,"
              + " or use "
              + AlpacaConfig.PAPER_URL);
    }
    return cfg;
  }

  static int run(ExampleBot o, Map<String, String> env, PrintStream out, PrintStream err) {
    AlpacaConfig cfg = config(env, o.live);
    RebalanceConfig rebalance = o.rebalanceConfig();
    Clock clock = Clock.systemUTC(); // the one system clock, at the outermost point of the bot
    Sleeper sleeper = Sleeper.system();
    AlpacaBroker broker = AlpacaBroker.of(cfg);
    String account = o.account != null ? o.account : broker.account().id();
    List<String> universe = o.universe.isEmpty() ? SyntheticMarket.FAMILIAR_TICKERS : o.universe;
    try (TrackerStore store = ExampleBot.openStore(o.store)) {
      out.printf(
          "Rebalance example bot: Alpaca %s, account %s, store %s, %d symbols, a scan every %s%n",
          cfg.isLive() ? "LIVE" : "paper",
          account,
          o.store,
          universe.size(),
          HumanFormat.duration(o.interval));
      LockManager locks = LockManager.create(store, account, clock);
      o.lock.forEach(
          s ->
              locks.lock(locks.newLock(s.trim()).reason("--lock").lockedBy("example-bot").build()));
      ReconciliationReport report =
          EntryReconciler.builder()
              .broker(broker)
              .store(store)
              .account(account)
              .clock(clock)
              .build()
              .reconcile();
      out.println("start-up reconciliation: " + report);
      PriceHistory history = new PriceHistory(HISTORY);
      TradingBot bot =
          TradingBot.builder()
              .broker(broker)
              .store(store)
              .account(account)
              .rebalancer(Rebalancer.of(rebalance, clock))
              .scorer(
                  o.scorer.equals("steadiness")
                      ? new SteadinessScorer(history)
                      : new MomentumScorer(history, LOOKBACK))
              .universe(universe)
              .maxPositions(o.maxPositions)
              .listener(new ConsoleReport(out, o.zone))
              .sleeper(sleeper)
              .build();
      out.println("open swaps from an earlier run: " + bot.resumePending());
      long done = 0;
      while (o.scans == null || done < o.scans) {
        MarketClock mc = broker.clock();
        if (mc.isOpen()) {
          for (String s : universe) {
            broker.latestPrice(s).ifPresent(p -> history.record(s, p));
          }
          bot.scan();
          done++;
          if (o.scans != null && done >= o.scans) {
            break;
          }
          sleeper.sleep(o.interval);
        } else {
          Instant now = clock.instant();
          Duration wait = Duration.between(now, mc.nextOpen());
          out.printf("market closed; next open %s%n", HumanFormat.time(mc.nextOpen(), o.zone));
          sleeper.sleep(
              wait.isNegative() ? o.interval : wait.compareTo(o.interval) < 0 ? wait : o.interval);
        }
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("interrupted; stopping");
      return 130;
    }
  }
}
