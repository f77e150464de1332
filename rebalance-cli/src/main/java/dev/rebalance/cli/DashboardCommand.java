package dev.rebalance.cli;

import dev.rebalance.alpaca.AlpacaBroker;
import dev.rebalance.alpaca.AlpacaConfig;
import dev.rebalance.api.RebalanceException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.cli.dashboard.CachedPriceSource;
import dev.rebalance.cli.dashboard.DashboardServer;
import dev.rebalance.cli.dashboard.PortInUseException;
import dev.rebalance.core.config.RebalanceConfigLoader;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.stats.PriceSource;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rebalance dashboard}: serves a local web page and JSON API over a store until stopped
 * (Ctrl-C). Binds 127.0.0.1 unless {@code --bind} says otherwise (with a warning); prints the page
 * URL with the bearer token in its fragment. The token is {@code REBALANCE_DASHBOARD_TOKEN} if set,
 * else 32 random bytes.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(
    name = "dashboard",
    sortOptions = false,
    description = "Serve a local web dashboard of positions, locks, history and payoff.")
public final class DashboardCommand implements Callable<Integer> {

  /** The environment variable a fixed token is taken from. */
  public static final String TOKEN_ENV = "REBALANCE_DASHBOARD_TOKEN";

  /** How long a live price is reused before Alpaca is asked again. */
  static final Duration LIVE_PRICE_TTL = Duration.ofSeconds(15);

  @Mixin StoreOptions storeOptions;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8321",
      description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}); others print a warning.")
  String bind;

  @Option(
      names = "--cooldown",
      paramLabel = "DURATION",
      description =
          "Cooldown between rebalances for the countdown: PT60M, 30m, 2h"
              + " (default: the --config file's, else 60 minutes).")
  @Nullable String cooldown;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A rebalance config file (JSON/YAML) to take the cooldown from.")
  @Nullable Path config;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      defaultValue = "${REBALANCE_ZONE:-UTC}",
      converter = ManagementCommand.ZoneConverter.class,
      description =
          "Time zone the page shows times in, each labelled with it; the page can switch to the"
              + " browser's local time (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Mixin PriceOptions priceOptions;

  @ParentCommand RebalanceCommand root;

  @Spec CommandSpec spec;

  /** Blocks until the process is stopped; tests replace it. */
  Runnable await =
      () -> {
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };

  /** Creates the command (picocli calls this). */
  public DashboardCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration cd = cooldown();
    Map<String, BigDecimal> upper = priceOptions.prices();
    Map<String, String> environment = root.environment();
    String env = environment.get(TOKEN_ENV);
    try (TrackerStore store = storeOptions.openExisting()) {
      DashboardServer.Builder b =
          DashboardServer.builder()
              .store(store)
              .account(storeOptions.account())
              .clock(root.clock())
              .bind(bind)
              .port(port)
              .cooldown(cd)
              .zone(zone);
      String priceNote = priceNote(upper, environment);
      PriceSource priceSource = prices(upper, environment, root.clock());
      if (priceSource != null) {
        b.prices(priceSource);
      }
      if (env != null && !env.isBlank()) {
        b.token(env.strip());
      }
      DashboardServer started;
      try {
        started = b.start();
      } catch (RebalanceException e) {
        // Checked with instanceof, not caught by type: other commands never load dashboard classes.
        if (!(e instanceof PortInUseException)) {
          throw e;
        }
        err.println(
            "error: the dashboard cannot listen: "
                + e.getMessage()
                + " (another dashboard, or another program?); choose another with --port N,"
                + " or --port 0 for any free port");
        err.flush();
        return ExitCodes.FAILED;
      }
      try (DashboardServer server = started) {
        if (!server.baseUri().getHost().equals("127.0.0.1") || !bind.equals("127.0.0.1")) {
          err.println(
              "warning: the dashboard listens on "
                  + bind
                  + ", not only on this machine;"
                  + " anyone who can reach it and has the token can change locks.");
          err.flush();
        }
        out.println(
            "Rebalance dashboard for account "
                + storeOptions.account()
                + " at "
                + server.baseUri()
                + " (times in "
                + HumanFormat.zone(zone)
                + ")");
        out.println("Open (the token is in the fragment, never sent in a request line):");
        out.println("  " + server.pageUri());
        out.println("Prices: " + priceNote);
        out.println("Press Ctrl-C to stop.");
        out.flush();
        await.run();
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Current prices: the {@code --price} values first, then (with {@code APCA_*} set) Alpaca's
   * latest trades, each cached for {@link #LIVE_PRICE_TTL}; {@code null} when there are none.
   */
  private static @Nullable PriceSource prices(
      Map<String, BigDecimal> fixed, Map<String, String> environment, Clock clock) {
    boolean live = AlpacaAccess.configured(environment);
    if (fixed.isEmpty() && !live) {
      return null;
    }
    PriceSource given = PriceSource.of(fixed);
    if (!live) {
      return given;
    }
    AlpacaBroker broker = AlpacaAccess.broker(environment);
    PriceSource alpaca = CachedPriceSource.of(broker::latestPrice, LIVE_PRICE_TTL, clock);
    return symbol -> given.price(symbol).or(() -> alpaca.price(symbol));
  }

  /** What the start-up line says about prices. */
  private static String priceNote(Map<String, BigDecimal> fixed, Map<String, String> environment) {
    if (!AlpacaAccess.configured(environment)) {
      return fixed.isEmpty()
          ? "none (set APCA_API_KEY_ID and APCA_API_SECRET_KEY for live Alpaca prices,"
              + " or give --price SYMBOL=PRICE)"
          : "the --price values";
    }
    return "live from Alpaca ("
        + AlpacaConfig.fromEnvironment(environment).baseUrl().getHost()
        + ", refreshed every "
        + LIVE_PRICE_TTL.toSeconds()
        + " s)"
        + (fixed.isEmpty() ? "" : ", --price values first");
  }

  private Duration cooldown() {
    if (cooldown != null) {
      String t = cooldown.strip();
      try {
        Duration d =
            t.matches("\\d{1,9}[smhdw]")
                ? Duration.between(Instant.EPOCH, LockCommand.expiry(t, Instant.EPOCH))
                : Duration.parse(t);
        if (d.isNegative()) {
          throw new IllegalArgumentException("--cooldown must be >= 0, was '" + cooldown + "'");
        }
        return d;
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--cooldown must be an ISO-8601 duration (PT60M) or 30m, 2h, was '" + cooldown + "'");
      }
    }
    if (config != null) {
      return RebalanceConfigLoader.load(config).cooldown();
    }
    return Duration.ofMinutes(60);
  }
}
