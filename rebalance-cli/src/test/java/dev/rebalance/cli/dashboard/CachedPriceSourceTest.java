package dev.rebalance.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.BrokerException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Live prices are asked at most once per symbol per time-to-live; a failure is a blank price. */
class CachedPriceSourceTest {
  private final Seed.MovingClock clock = new Seed.MovingClock();
  private final List<String> asked = new ArrayList<>();

  @Test
  void asksOncePerSymbolWithinTheTimeToLive() {
    CachedPriceSource prices =
        CachedPriceSource.of(
            s -> {
              asked.add(s);
              return Optional.of(new BigDecimal("100.25"));
            },
            Duration.ofSeconds(15),
            clock);
    for (int i = 0; i < 5; i++) {
      assertThat(prices.price("AAPL")).contains(new BigDecimal("100.25"));
    }
    assertThat(prices.price("MSFT")).isPresent();
    assertThat(asked).containsExactly("AAPL", "MSFT");
    clock.now = Seed.NOW.plusSeconds(15);
    prices.price("AAPL");
    assertThat(asked).containsExactly("AAPL", "MSFT", "AAPL");
  }

  @Test
  void aFailedLookupIsUnknownAndNotRetriedBeforeTheTimeToLive() {
    CachedPriceSource prices =
        CachedPriceSource.of(
            s -> {
              asked.add(s);
              throw new BrokerException("GET /v2/stocks/{symbol}/trades/latest: HTTP 429");
            },
            Duration.ofSeconds(15),
            clock);
    // The failure is logged once, on standard error (the CLI's log provider prints there): provoked
    // here, so checked rather than shown in the build's output.
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
    try {
      assertThat(prices.price("AAPL")).isEmpty();
      assertThat(prices.price("AAPL")).isEmpty();
    } finally {
      System.setErr(err);
    }
    assertThat(asked).hasSize(1);
    assertThat(said.toString(StandardCharsets.UTF_8))
        .containsOnlyOnce("WARN CachedPriceSource - dashboard_price_lookup_failed symbol=AAPL");
  }

  @Test
  void aNonPositivePriceIsUnknown() {
    CachedPriceSource prices =
        CachedPriceSource.of(s -> Optional.of(BigDecimal.ZERO), Duration.ofSeconds(1), clock);
    assertThat(prices.price("AAPL")).isEmpty();
    assertThatThrownBy(() -> CachedPriceSource.of(s -> Optional.empty(), Duration.ZERO, clock))
        .hasMessageContaining("ttl must be > 0");
  }
}
