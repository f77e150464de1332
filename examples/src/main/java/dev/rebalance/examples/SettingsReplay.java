package dev.rebalance.examples;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.store.InMemoryTrackerStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * "Replay your settings": runs the same simulated market (same seed, same prices, same scores)
 * under several rebalancing configurations and returns their summaries, so settings can be chosen
 * from evidence. Each run gets its own in-memory store; nothing on disk is touched.
 *
 * <pre>{@code
 * List<RunSummary> results = SettingsReplay.builder().seed(7).days(20).build().run(List.of(
 *     new SettingsReplay.Setting("threshold 5", RebalanceConfig.builder().scoreThreshold(BigDecimal.valueOf(5)).build()),
 *     new SettingsReplay.Setting("threshold 15", RebalanceConfig.builder().scoreThreshold(BigDecimal.valueOf(15)).build())));
 * }</pre>
 *
 * <p>Immutable once built; {@link #run} runs the settings one after another and is safe to call
 * from several threads.
 */
public final class SettingsReplay {

  /**
   * One configuration to replay.
   *
   * @param label its name in the summary table
   * @param config the settings
   */
  public record Setting(String label, RebalanceConfig config) {
    /** Checks the components. */
    public Setting {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(config, "config");
    }
  }

  private final Builder b;

  private SettingsReplay(Builder b) {
    this.b = b;
  }

  /**
   * A named preset: {@code default} (the library's defaults), {@code conservative} (threshold 15,
   * 60 minutes minimum hold, 120 minutes cooldown) or {@code aggressive} (threshold 7, 15 minutes
   * hold, 30 minutes cooldown, sell half) — the original bot's documented examples.
   *
   * @param name the preset's name
   * @return the setting
   * @throws IllegalArgumentException for an unknown name
   */
  public static Setting preset(String name) {
    return switch (name) {
      case "default" -> new Setting(name, RebalanceConfig.defaults());
      case "conservative" ->
          new Setting(
              name,
              RebalanceConfig.builder()
                  .scoreThreshold(BigDecimal.valueOf(15))
                  .minHoldTime(Duration.ofMinutes(60))
                  .cooldown(Duration.ofMinutes(120))
                  .build());
      case "aggressive" ->
          new Setting(
              name,
              RebalanceConfig.builder()
                  .scoreThreshold(BigDecimal.valueOf(7))
                  .minHoldTime(Duration.ofMinutes(15))
                  .cooldown(Duration.ofMinutes(30))
                  .sellFraction(new BigDecimal("0.5"))
                  .build());
      default ->
          throw new IllegalArgumentException(
              "preset must be default, conservative or aggressive, was '" + name + "'");
    };
  }

  /**
   * Runs every setting on the same market.
   *
   * @param settings the configurations, in the order their columns appear
   * @return one summary per setting, in the same order
   */
  public List<RunSummary> run(List<Setting> settings) {
    List<RunSummary> out = new ArrayList<>();
    long total = (long) b.days * 26 * settings.size();
    long[] before = {0};
    for (Setting s : settings) {
      try (TrackerStore store = new InMemoryTrackerStore()) {
        Simulation.Builder sim =
            Simulation.builder(store, clock -> Rebalancer.of(s.config(), clock))
                .label(s.label())
                .account("replay")
                .seed(b.seed)
                .days(b.days)
                .symbols(b.symbols)
                .maxPositions(b.maxPositions)
                .cash(b.cash)
                .costBps(b.costBps)
                .costPerShare(b.costPerShare)
                .scorer(b.scorer);
        b.progress.ifPresent(p -> sim.progress((done, t) -> p.update(before[0] + done, total)));
        out.add(sim.build().run());
        before[0] += (long) b.days * 26;
      }
    }
    return List.copyOf(out);
  }

  /** A new builder: seed 42, 5 days, 50 symbols, 10 positions, 100,000 cash, 5 bps cost. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SettingsReplay}; not thread-safe. */
  public static final class Builder {
    private long seed = 42;
    private int days = 5;
    private int symbols = 50;
    private int maxPositions = 10;
    private BigDecimal cash = BigDecimal.valueOf(100_000);
    private BigDecimal costBps = BigDecimal.valueOf(5);
    private BigDecimal costPerShare = BigDecimal.ZERO;
    private Function<BarSource, Scorer> scorer =
        bars -> new MomentumScorer(bars, Simulation.MOMENTUM_LOOKBACK);
    private Optional<Simulation.Progress> progress = Optional.empty();

    private Builder() {}

    /**
     * The market's seed. Default 42.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Trading days per run. Default 5.
     *
     * @param days {@code >= 1}
     * @return this builder
     */
    public Builder days(int days) {
      this.days = days;
      return this;
    }

    /**
     * The universe size. Default 50.
     *
     * @param symbols {@code >= 1}
     * @return this builder
     */
    public Builder symbols(int symbols) {
      this.symbols = symbols;
      return this;
    }

    /**
     * The most positions held. Default 10.
     *
     * @param max {@code >= 1}
     * @return this builder
     */
    public Builder maxPositions(int max) {
      this.maxPositions = max;
      return this;
    }

    /**
     * The starting cash. Default 100,000.
     *
     * @param cash {@code > 0}
     * @return this builder
     */
    public Builder cash(BigDecimal cash) {
      this.cash = Objects.requireNonNull(cash, "cash");
      return this;
    }

    /**
     * Price impact per trade in basis points. Default 5.
     *
     * @param bps between 0 and 1000
     * @return this builder
     */
    public Builder costBps(BigDecimal bps) {
      this.costBps = Objects.requireNonNull(bps, "bps");
      return this;
    }

    /**
     * Commission per share. Default 0.
     *
     * @param perShare {@code >= 0}
     * @return this builder
     */
    public Builder costPerShare(BigDecimal perShare) {
      this.costPerShare = Objects.requireNonNull(perShare, "perShare");
      return this;
    }

    /**
     * Makes the scorer from the market's bars. Default momentum over one day.
     *
     * @param scorer the factory
     * @return this builder
     */
    public Builder scorer(Function<BarSource, Scorer> scorer) {
      this.scorer = Objects.requireNonNull(scorer, "scorer");
      return this;
    }

    /**
     * Progress over all runs together. Default none.
     *
     * @param progress the callback, or empty
     * @return this builder
     */
    public Builder progress(Optional<Simulation.Progress> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** The replay. */
    public SettingsReplay build() {
      return new SettingsReplay(this);
    }
  }
}
