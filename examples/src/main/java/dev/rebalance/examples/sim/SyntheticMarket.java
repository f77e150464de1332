package dev.rebalance.examples.sim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic stock market: a universe of tickers whose prices follow a geometric
 * random walk, one bar per scan, each ticker with its own drift, volatility and a slowly wandering
 * trend (so momentum exists some of the time, as in real markets). The same seed always produces
 * the same prices, bar for bar, whatever the universe size: ticker {@code i}'s series depends only
 * on the seed and {@code i}.
 *
 * <p>Bar 0 is the first scan; {@link Builder#warmupBars(int)} bars of history precede it so a
 * scorer has something to look back on from the first scan. {@link #advance()} moves to the next
 * scan time on the {@link TradingCalendar} and sets the market's {@link SimulatedClock} to it.
 *
 * <p>Thread-safe: every method synchronizes on the market.
 */
public final class SyntheticMarket {
  /** The tickers used for the first 50 symbols; later symbols are named {@code S050}, ... */
  public static final List<String> FAMILIAR_TICKERS =
      List.of(
          "AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "BRK.B", "JPM", "V", "UNH",
          "XOM", "JNJ", "WMT", "MA", "PG", "HD", "CVX", "MRK", "ABBV", "PEP", "KO", "COST", "AVGO",
          "LLY", "ADBE", "CRM", "NFLX", "AMD", "INTC", "CSCO", "ORCL", "TMO", "MCD", "ABT", "DIS",
          "NKE", "QCOM", "TXN", "HON", "IBM", "CAT", "GS", "BA", "SBUX", "AMGN", "PFE", "T", "VZ",
          "LOW");

  private static final double BARS_PER_YEAR = 252.0 * 26.0;

  private final long seed;
  private final List<String> symbols;
  private final Map<String, Integer> index;
  private final boolean[] fractionable;
  private final double[] drift;
  private final double[] vol;
  private final double[] trend;
  private final SplittableRandom[] random;
  private final TradingCalendar calendar;
  private final LocalDate firstDay;
  private final int warmup;
  private final SimulatedClock clock;
  private final double dt;
  private final double sqrtDt;

  /** closes[symbol][warmup + bar] for bars generated so far. */
  private double[][] closes;

  private int generated; // number of bars stored per symbol (warmup + scans so far)
  private int bar; // current scan number
  private Instant now;
  private LocalDate currentDay;
  private int slot;

  private SyntheticMarket(Builder b) {
    this.seed = b.seed;
    this.calendar = b.calendar;
    this.firstDay = calendar.tradingDayOnOrAfter(b.startDate);
    this.warmup = b.warmupBars;
    int n = b.symbols;
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(i < FAMILIAR_TICKERS.size() ? FAMILIAR_TICKERS.get(i) : String.format("S%03d", i));
    }
    this.symbols = Collections.unmodifiableList(names);
    this.index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(names.get(i), i);
    }
    double barsPerYear = BARS_PER_YEAR * 15.0 / calendar.interval().toMinutes();
    this.dt = 1.0 / barsPerYear;
    this.sqrtDt = Math.sqrt(dt);
    this.fractionable = new boolean[n];
    this.drift = new double[n];
    this.vol = new double[n];
    this.trend = new double[n];
    this.random = new SplittableRandom[n];
    this.closes = new double[n][];
    int capacity = Math.max(64, warmup + 1);
    for (int i = 0; i < n; i++) {
      SplittableRandom r = new SplittableRandom(mix(seed, i));
      random[i] = r;
      fractionable[i] = i % 3 != 2;
      drift[i] = -0.05 + 0.25 * r.nextDouble();
      vol[i] = 0.15 + 0.45 * r.nextDouble();
      closes[i] = new double[capacity];
      closes[i][0] = Math.round((15.0 + 485.0 * r.nextDouble()) * 100.0) / 100.0;
    }
    this.generated = 1;
    while (generated < warmup + 1) {
      generateBar();
    }
    this.bar = 0;
    this.currentDay = firstDay;
    this.slot = 0;
    this.now = calendar.scanTime(firstDay, 0);
    this.clock = new SimulatedClock(now);
  }

  private static long mix(long seed, int i) {
    long z = seed * 0x9E3779B97F4A7C15L + (i + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private void generateBar() {
    int t = generated;
    if (t == closes[0].length) {
      for (int i = 0; i < closes.length; i++) {
        closes[i] = Arrays.copyOf(closes[i], t * 2);
      }
    }
    for (int i = 0; i < closes.length; i++) {
      SplittableRandom r = random[i];
      // The trend wanders slowly (an AR(1) process), so some tickers trend for days at a time.
      trend[i] = 0.998 * trend[i] + 0.06 * gaussian(r);
      double mu = drift[i] + trend[i];
      double sigma = vol[i];
      double ret = (mu - 0.5 * sigma * sigma) * dt + sigma * sqrtDt * gaussian(r);
      double next = closes[i][t - 1] * Math.exp(ret);
      closes[i][t] = Math.max(0.01, next);
    }
    generated++;
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller from the ticker's own generator, so the series never depends on other tickers.
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** The seed the prices come from. */
  public long seed() {
    return seed;
  }

  /** The universe, in a fixed order. */
  public List<String> symbols() {
    return symbols;
  }

  /** The trading calendar. */
  public TradingCalendar calendar() {
    return calendar;
  }

  /** The clock {@link #advance()} moves; give it to the rebalancer and the tracker. */
  public SimulatedClock clock() {
    return clock;
  }

  /**
   * Whether the market knows {@code symbol}.
   *
   * @param symbol the ticker
   * @return true if it is in the universe
   */
  public boolean knows(String symbol) {
    return index.containsKey(symbol);
  }

  /**
   * Whether {@code symbol} trades in fractional shares (two tickers in three do).
   *
   * @param symbol the ticker
   * @return true if fractionable
   * @throws IllegalArgumentException if the symbol is unknown
   */
  public boolean isFractionable(String symbol) {
    return fractionable[indexOf(symbol)];
  }

  private int indexOf(String symbol) {
    Integer i = index.get(symbol);
    if (i == null) {
      throw new IllegalArgumentException("symbol is not in the simulated market: " + symbol);
    }
    return i;
  }

  /** The current scan's number, 0 for the first. */
  public synchronized int bar() {
    return bar;
  }

  /** The current scan's time. */
  public synchronized Instant now() {
    return now;
  }

  /**
   * Moves to the next scan: generates its bar and sets the clock to its time.
   *
   * @return the new scan time
   */
  public synchronized Instant advance() {
    generateBar();
    bar++;
    slot++;
    if (slot == calendar.scansPerDay()) {
      slot = 0;
      currentDay = calendar.tradingDayOnOrAfter(currentDay.plusDays(1));
    }
    now = calendar.scanTime(currentDay, slot);
    clock.set(now);
    return now;
  }

  /**
   * The time scan {@code n} has (or will have), without moving the market.
   *
   * @param n a scan number, {@code >= 0}
   * @return its time
   */
  public Instant scanTime(int n) {
    return calendar.scanTime(firstDay, n);
  }

  /**
   * The current price, rounded to cents.
   *
   * @param symbol the ticker
   * @return the price
   * @throws IllegalArgumentException if the symbol is unknown
   */
  public synchronized BigDecimal price(String symbol) {
    return cents(closes[indexOf(symbol)][warmup + bar]);
  }

  /**
   * The price at scan {@code n} (negative for warm-up history), rounded to cents.
   *
   * @param symbol the ticker
   * @param n a scan number, from {@code -warmupBars} to the current scan
   * @return the price
   */
  public synchronized BigDecimal priceAt(String symbol, int n) {
    if (n < -warmup || n > bar) {
      throw new IllegalArgumentException(
          "n must be between " + (-warmup) + " and " + bar + ", was " + n);
    }
    return cents(closes[indexOf(symbol)][warmup + n]);
  }

  /**
   * The closes of the last {@code count} bars up to and including the current one, oldest first.
   * Fewer when less history exists.
   *
   * @param symbol the ticker
   * @param count how many bars, {@code >= 1}
   * @return the closes (a copy)
   */
  public synchronized double[] closes(String symbol, int count) {
    int end = warmup + bar + 1;
    int start = Math.max(0, end - count);
    return Arrays.copyOfRange(closes[indexOf(symbol)], start, end);
  }

  /**
   * Looks up a ticker.
   *
   * @param symbol the ticker
   * @return its index in {@link #symbols()}, or empty
   */
  public Optional<Integer> indexOfSymbol(String symbol) {
    return Optional.ofNullable(index.get(symbol));
  }

  private static BigDecimal cents(double v) {
    return BigDecimal.valueOf(Math.max(1L, Math.round(v * 100.0)), 2);
  }

  /** A new builder: seed 42, 50 symbols, first trading day on or after 2025-01-06. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SyntheticMarket}; not thread-safe. */
  public static final class Builder {
    private long seed = 42;
    private int symbols = 50;
    private LocalDate startDate = LocalDate.of(2025, 1, 6);
    private TradingCalendar calendar = TradingCalendar.fifteenMinutes();
    private int warmupBars = 2 * 26;

    private Builder() {}

    /**
     * The seed. Default 42.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The universe size. Default 50.
     *
     * @param count between 1 and 10000
     * @return this builder
     */
    public Builder symbols(int count) {
      if (count < 1 || count > 10_000) {
        throw new IllegalArgumentException("symbols must be between 1 and 10000, was " + count);
      }
      this.symbols = count;
      return this;
    }

    /**
     * The first day; the first scan is at the open of the first trading day on or after it. Default
     * 2025-01-06.
     *
     * @param date the date in New York
     * @return this builder
     */
    public Builder startDate(LocalDate date) {
      this.startDate = Objects.requireNonNull(date, "date");
      return this;
    }

    /**
     * The calendar. Default 15-minute scans.
     *
     * @param calendar the calendar
     * @return this builder
     */
    public Builder calendar(TradingCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    /**
     * How many bars of history precede the first scan. Default 52 (two days of 15-minute bars).
     *
     * @param bars {@code >= 0}
     * @return this builder
     */
    public Builder warmupBars(int bars) {
      if (bars < 0) {
        throw new IllegalArgumentException("warmupBars must be >= 0, was " + bars);
      }
      this.warmupBars = bars;
      return this;
    }

    /** The market, at its first scan. */
    public SyntheticMarket build() {
      return new SyntheticMarket(this);
    }
  }
}
