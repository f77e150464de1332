package dev.rebalance.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.RebalanceConfigLoader;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.store.TrackerStores;
import dev.rebalance.examples.store.WalTrackerStore;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The example bot's command line. With no options it trades a simulated market for five trading
 * days, one scan every 15 minutes, remembering its entries, locks and swaps in the embedded SQLite
 * store under {@code ./data/}, and prints every swap and notable refusal and a summary.
 *
 * <pre>{@code
 * mvn -B -q package -DskipTests && java -jar examples/target/example-bot.jar
 * }</pre>
 *
 * <p>Runs are namespaced: each simulated run is recorded under its own account id ({@code
 * sim-s42-run1}, {@code sim-s42-run2}, ...) in the same store, so running twice in a row works,
 * keeps the earlier run's history, and the summary says which run this was. See {@code
 * docs/examples.md}.
 *
 * <p>Not thread-safe; one command runs at a time.
 */
@Command(
    name = "example-bot",
    mixinStandardHelpOptions = true,
    version = "example-bot (Rebalance examples)",
    sortOptions = false,
    description = {
      "A score-driven trading bot using Rebalance's guardrails: min hold time, cooldown, locks, partial sells.",
      "Default: a deterministic simulated market (no keys, no network) and the SQLite store under ./data/."
    })
public final class ExampleBot implements Callable<Integer> {

  /** The presets {@code --compare} uses when given no files. */
  static final List<String> PRESETS = List.of("default", "conservative", "aggressive");

  @Option(
      names = "--broker",
      description = "sim (default) or alpaca (paper trading; reads APCA_* variables).",
      defaultValue = "sim")
  String broker;

  @Option(
      names = "--store",
      description =
          "Tracker store URI (default: ${DEFAULT-VALUE}); e.g. memory:, json:FILE, wal:FILE.",
      defaultValue = "sqlite:data/rebalance.db")
  String store;

  @Option(
      names = "--account",
      description =
          "Account id to record the run under (default: sim-s<seed>-run<N>, the next free N).")
  @Nullable String account;

  @Option(
      names = "--days",
      description = "Trading days to simulate (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  int days;

  @Option(
      names = "--seed",
      description = "The simulated market's seed (default: ${DEFAULT-VALUE}).",
      defaultValue = "42")
  long seed;

  @Option(
      names = "--symbols",
      description = "Simulated universe size (default: ${DEFAULT-VALUE}).",
      defaultValue = "50")
  int symbols;

  @Option(
      names = "--config",
      description =
          "Rebalance settings, JSON or YAML (camelCase or the original bot's snake_case keys).")
  @Nullable Path config;

  @Option(
      names = "--max-positions",
      description = "Most positions held (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int maxPositions;

  @Option(
      names = "--scorer",
      description = "momentum (default) or steadiness.",
      defaultValue = "momentum")
  String scorer;

  @Option(
      names = "--cost-bps",
      description = "Simulated price impact per trade in basis points (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  BigDecimal costBps;

  @Option(
      names = "--cost-per-share",
      description = "Simulated commission per share (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  BigDecimal costPerShare;

  @Option(
      names = "--cash",
      description = "Simulated starting cash (default: ${DEFAULT-VALUE}).",
      defaultValue = "100000")
  BigDecimal cash;

  @Option(
      names = "--lock",
      split = ",",
      description = "Lock these symbols before the run (never sold in a rebalance).")
  List<String> lock = new ArrayList<>();

  @Option(
      names = "--zone",
      converter = ZoneConverter.class,
      defaultValue = "UTC",
      description =
          "Time zone the lines show times in, each labelled with it (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Option(names = "--json", description = "Print the summary as JSON instead of tables and lines.")
  boolean json;

  @Option(
      names = "--quiet",
      description = "Print only the summary, not a line per swap and refusal.")
  boolean quiet;

  @Option(
      names = "--compare",
      arity = "0..*",
      paramLabel = "FILE",
      description =
          "Replay the same simulated market under each config file (none: the presets default, conservative, aggressive) and print the summaries side by side.")
  @Nullable List<Path> compare;

  @Option(
      names = "--universe",
      split = ",",
      description = "Real-time mode (alpaca): the symbols to trade (default: 50 large US stocks).")
  List<String> universe = new ArrayList<>();

  @Option(
      names = "--interval",
      description = "Real-time mode (alpaca): time between scans (default: ${DEFAULT-VALUE}).",
      defaultValue = "PT15M")
  Duration interval;

  @Option(
      names = "--scans",
      description =
          "Real-time mode (alpaca): stop after this many scans (default: run until stopped).")
  @Nullable Long scans;

  @Option(
      names = "--live",
      description =
          "Allow a live (real money) Alpaca base URL. Without it only paper trading runs.")
  boolean live;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private PrintStream out = System.out;
  private PrintStream err = System.err;
  private boolean terminal;
  private Map<String, String> env = Map.of();

  /**
   * Runs the bot and exits with its exit code (0 done, 1 failed, 2 bad usage or input).
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, System.console() != null, System.getenv(), args));
  }

  /**
   * Runs the bot without exiting; tests call this.
   *
   * @param out where results go
   * @param err where errors and progress go
   * @param terminal whether {@code err} is a terminal (a redrawn progress bar) or not (lines)
   * @param args the command line
   * @return the exit code
   */
  public static int run(PrintStream out, PrintStream err, boolean terminal, String... args) {
    return run(out, err, terminal, Map.of(), args);
  }

  /**
   * Runs the bot without exiting, with the given environment variables ({@code APCA_*} for {@code
   * --broker alpaca}).
   *
   * @param out where results go
   * @param err where errors and progress go
   * @param terminal whether {@code err} is a terminal
   * @param env the environment variables
   * @param args the command line
   * @return the exit code
   */
  public static int run(
      PrintStream out, PrintStream err, boolean terminal, Map<String, String> env, String... args) {
    ExampleBot bot = new ExampleBot();
    bot.env = Map.copyOf(env);
    bot.out = out;
    bot.err = err;
    bot.terminal = terminal;
    CommandLine cl = new CommandLine(bot);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("error: " + ex.getMessage());
          err.println("Try 'example-bot --help'.");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, p) -> {
          // Never a stack trace to a person: one line naming what is wrong.
          if (ex instanceof InvalidConfigException || ex instanceof IllegalArgumentException) {
            err.println("error: " + ex.getMessage());
            return 2;
          }
          if (ex instanceof RebalanceException) {
            err.println("error: " + ex.getMessage());
            return 1;
          }
          err.println(
              "error: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
          return 1;
        });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    if (compare != null) {
      return replay(compare);
    }
    return switch (broker) {
      case "sim" -> simulate();
      case "alpaca" -> AlpacaMode.run(this, env, out, err);
      default ->
          throw new IllegalArgumentException(
              "--broker must be sim or alpaca, was '" + broker + "'");
    };
  }

  RebalanceConfig rebalanceConfig() {
    return config == null ? RebalanceConfig.defaults() : RebalanceConfigLoader.load(config);
  }

  Function<BarSource, Scorer> scorerFactory() {
    return switch (scorer) {
      case "momentum" -> bars -> new MomentumScorer(bars, Simulation.MOMENTUM_LOOKBACK);
      case "steadiness" -> SteadinessScorer::new;
      default ->
          throw new IllegalArgumentException(
              "--scorer must be momentum or steadiness, was '" + scorer + "'");
    };
  }

  static TrackerStore openStore(String uri) {
    if (uri.startsWith("wal:")) {
      return WalTrackerStore.open(Path.of(uri.substring("wal:".length())));
    }
    return TrackerStores.open(uri);
  }

  private int simulate() {
    RebalanceConfig cfg = rebalanceConfig();
    try (TrackerStore st = openStore(store)) {
      String prefix = "sim-s" + seed;
      int earlier = 0;
      String acc = account;
      if (acc == null) {
        int k = 1;
        while (RunNames.used(st, prefix + "-run" + k)) {
          k++;
        }
        earlier = k - 1;
        acc = prefix + "-run" + k;
      }
      for (String s : lock) {
        st.putLock(
            acc,
            PositionLock.builder()
                .symbol(s.trim())
                .reason("--lock")
                .lockedBy("example-bot")
                .lockedAt(Simulation.firstScanTime())
                .build());
      }
      Simulation.Builder sim =
          Simulation.builder(st, clock -> Rebalancer.of(cfg, clock))
              .label(acc)
              .account(acc)
              .seed(seed)
              .days(days)
              .symbols(symbols)
              .maxPositions(maxPositions)
              .cash(cash)
              .costBps(costBps)
              .costPerShare(costPerShare)
              .scorer(scorerFactory());
      long total = (long) days * 26;
      if (!json) {
        out.printf(
            "Rebalance example bot: simulated market, seed %d, %d symbols, %d trading day%s (%d scans, every 15 minutes)%n",
            seed, symbols, days, days == 1 ? "" : "s", total);
        String reuse =
            account != null
                ? "account given with --account"
                : earlier == 0
                    ? "first run with seed " + seed + " in this store"
                    : "store reused: "
                        + earlier
                        + " earlier run"
                        + (earlier == 1 ? "" : "s")
                        + " with seed "
                        + seed
                        + " kept as "
                        + prefix
                        + "-run1"
                        + (earlier > 1 ? " .. " + prefix + "-run" + earlier : "");
        out.printf("Store %s, account %s (%s)%n%n", store, acc, reuse);
        if (!quiet) {
          sim.listener(new ConsoleReport(out, zone));
        }
      }
      if (total >= 260) {
        sim.progress(new ProgressBar(err, terminal));
      }
      RunSummary summary = sim.build().run();
      if (json) {
        var node = summary.toJson();
        node.put("store", store);
        node.put("earlierRuns", earlier);
        out.println(RebalanceJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
      } else {
        out.println();
        out.println("Summary");
        ConsoleReport.table(out, ConsoleReport.rows(List.of(summary)));
        if (!store.startsWith("memory:")) {
          out.println();
          out.println(
              "Inspect the stored state: java -jar rebalance-cli/target/rebalance.jar history --store "
                  + store
                  + " --account "
                  + acc);
        }
      }
      return 0;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private int replay(List<Path> compare) {
    List<SettingsReplay.Setting> settings = new ArrayList<>();
    if (compare.isEmpty()) {
      for (String p : PRESETS) {
        settings.add(SettingsReplay.preset(p));
      }
    } else {
      for (Path p : compare) {
        if (!Files.isRegularFile(p)) {
          throw new InvalidConfigException("config file not found: " + p);
        }
        settings.add(
            new SettingsReplay.Setting(p.getFileName().toString(), RebalanceConfigLoader.load(p)));
      }
    }
    SettingsReplay replay =
        SettingsReplay.builder()
            .seed(seed)
            .days(days)
            .symbols(symbols)
            .maxPositions(maxPositions)
            .cash(cash)
            .costBps(costBps)
            .costPerShare(costPerShare)
            .scorer(scorerFactory())
            .progress(
                ((long) days * 26 * settings.size()) >= 260
                    ? Optional.of(new ProgressBar(err, terminal))
                    : Optional.empty())
            .build();
    List<RunSummary> results = replay.run(settings);
    if (json) {
      var arr = RebalanceJson.json().createArrayNode();
      results.forEach(r -> arr.add(r.toJson()));
      try {
        out.println(RebalanceJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(arr));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      out.printf(
          "Replaying seed %d, %d symbols, %d trading days under %d settings (in-memory stores; ./data is not touched)%n%n",
          seed, symbols, days, settings.size());
      ConsoleReport.table(out, ConsoleReport.rows(results));
    }
    return 0;
  }

  /** Reads {@code --zone}: a zone id such as UTC or America/New_York. */
  static final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return HumanFormat.parseZone(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
