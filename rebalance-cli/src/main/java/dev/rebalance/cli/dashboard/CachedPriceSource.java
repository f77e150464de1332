package dev.rebalance.cli.dashboard;

import dev.rebalance.core.stats.PriceSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PriceSource} that asks another (a broker's market data) at most once per symbol per
 * time-to-live, so a page refreshing every few seconds does not spend the broker's rate limit. A
 * lookup that fails (network, rate limit, unknown symbol) answers "unknown" — the page leaves the
 * price blank rather than failing — and is not retried before the time-to-live has passed.
 *
 * <p>Thread-safe: a concurrent map of answers; two threads may occasionally both ask for one
 * symbol.
 */
public final class CachedPriceSource implements PriceSource {
  private static final Logger log = LoggerFactory.getLogger(CachedPriceSource.class);

  /** Log event: a live price lookup failed; the price is shown as unknown. */
  static final String PRICE_LOOKUP_FAILED = "dashboard_price_lookup_failed";

  private final PriceSource source;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  private static final class Answer {
    final Optional<BigDecimal> price;
    final Instant at;

    Answer(Optional<BigDecimal> price, Instant at) {
      this.price = price;
      this.at = at;
    }
  }

  private CachedPriceSource(PriceSource source, Duration ttl, Clock clock) {
    this.source = source;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * Caches {@code source}'s answers for {@code ttl}.
   *
   * @param source the source asked on a miss, e.g. {@code broker::latestPrice}
   * @param ttl how long an answer (or a failure) is reused; positive
   * @param clock the clock the age of an answer is measured on
   * @return the caching source
   */
  public static CachedPriceSource of(PriceSource source, Duration ttl, Clock clock) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be > 0, was " + ttl);
    }
    return new CachedPriceSource(source, ttl, clock);
  }

  @Override
  public Optional<BigDecimal> price(String symbol) {
    Instant now = clock.instant();
    Answer a = answers.get(symbol);
    if (a != null && now.isBefore(a.at.plus(ttl))) {
      return a.price;
    }
    Optional<BigDecimal> price;
    try {
      price = source.price(symbol).filter(p -> p.signum() > 0);
    } catch (RuntimeException e) {
      // The message names the call and the status; the adapter never puts keys in it.
      log.atWarn()
          .setMessage(PRICE_LOOKUP_FAILED)
          .addKeyValue("symbol", symbol)
          .addKeyValue("error", e.getClass().getSimpleName())
          .log();
      price = Optional.empty();
    }
    answers.put(symbol, new Answer(price, now));
    return price;
  }
}
