package dev.rebalance.alpaca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Execution;
import dev.rebalance.alpaca.AlpacaConfig;
import dev.rebalance.alpaca.AlpacaException;
import dev.rebalance.alpaca.AlpacaServerException;
import dev.rebalance.alpaca.AlpacaTransportException;
import dev.rebalance.alpaca.RateLimitedException;
import dev.rebalance.api.BrokerException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {
  private static final Instant NOW = Instant.parse("2026-11-03T15:00:00Z");
  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final Retries retries =
      new Retries(
          AlpacaConfig.builder().keyId("PKTEST").secretKey("secret").build(),
          Clock.fixed(NOW, ZoneOffset.UTC),
          sleeps::add,
          new Random(7));

  private String failTwiceWith(AlpacaException e) {
    if (attempts.incrementAndGet() <= 2) {
      throw e;
    }
    return "ok";
  }

  @Test
  void aRateLimitWaitsUntilTheResetAtMost65SecondsPlusJitter() {
    RateLimitedException far =
        new RateLimitedException("GET /v2/account", null, null, NOW.plusSeconds(600));
    assertThat(
            retries.<String>run(
                retries.reads(), "GET /v2/account", () -> failTwiceWith(far), (a, r, f, d) -> {}))
        .isEqualTo("ok");
    assertThat(sleeps)
        .hasSize(2)
        .allSatisfy(
            d -> assertThat(d).isBetween(Duration.ofSeconds(65), Duration.ofMillis(65_250)));
  }

  @Test
  void aRateLimitWithoutAResetBacksOff() {
    RateLimitedException noReset = new RateLimitedException("GET /v2/account", null, null, null);
    retries.<String>run(
        retries.reads(), "GET /v2/account", () -> failTwiceWith(noReset), (a, r, f, d) -> {});
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void aRefusalIsNeverRetriedWhateverItsTypeSays() {
    AlpacaException refusedButTransient =
        new AlpacaException("GET /v2/account", 403, null, null, "forbidden", null) {
          private static final long serialVersionUID = 1L;

          @Override
          public boolean isTransient() {
            return true;
          }
        };
    assertThat(refusedButTransient.kind()).isEqualTo(Kind.REFUSED);
    assertThatThrownBy(
            () ->
                retries.<String>run(
                    retries.reads(),
                    "GET /v2/account",
                    () -> failTwiceWith(refusedButTransient),
                    (a, r, f, d) -> {}))
        .isSameAs(refusedButTransient);
    assertThat(attempts).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void theListenerHearsEveryRetryWithItsDelay() {
    AlpacaServerException down =
        new AlpacaServerException("GET /v2/clock", 503, null, null, "down", null);
    List<String> heard = new ArrayList<>();
    assertThatThrownBy(
            () ->
                retries.<String>run(
                    retries.reads(),
                    "GET /v2/clock",
                    () -> {
                      attempts.incrementAndGet();
                      throw down;
                    },
                    (a, r, f, d) ->
                        heard.add(a + ":" + f.getClass().getSimpleName() + ":" + d.toMillis())))
        .isSameAs(down);
    assertThat(attempts).hasValue(4);
    assertThat(heard).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(heard.get(i))
          .isEqualTo((i + 1) + ":AlpacaServerException:" + sleeps.get(i).toMillis());
    }
  }

  @Test
  void anInterruptedWaitEndsTheCallAndKeepsTheFlag() {
    Retries interrupted =
        new Retries(
            AlpacaConfig.builder().keyId("PKTEST").secretKey("secret").build(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            d -> {
              throw new InterruptedException();
            },
            new Random(7));
    AlpacaServerException down =
        new AlpacaServerException("GET /v2/clock", 503, null, null, "down", null);
    try {
      assertThatThrownBy(
              () ->
                  interrupted.<String>run(
                      interrupted.reads(),
                      "GET /v2/clock",
                      () -> failTwiceWith(down),
                      (a, r, f, d) -> {}))
          .isInstanceOf(AlpacaTransportException.class)
          .hasMessageContaining("interrupted while waiting");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(attempts).hasValue(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void reconnectsNeverStopAndBackOffUpToTheCapAfterEachEndedConnection() {
    Execution<Object> outage =
        Execution.of(
            Retries.reconnects(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(3)));
    for (int n = 1; n <= 40; n++) {
      outage.record(null, null); // a connection that ended, even without a failure
      assertThat(outage.isComplete()).isFalse();
      long exp = Math.min(30_000, 1_000L << Math.min(n - 1, 20));
      assertThat(outage.getDelay()).isBetween(Duration.ofMillis(exp / 2), Duration.ofMillis(exp));
    }
  }

  @Test
  void backoffDoublesFromTheInitialDelayUpToTheCap() {
    Random random = new Random(11);
    for (int attempt = 1; attempt <= 40; attempt++) {
      long exp = Math.min(30_000, 500L << Math.min(attempt - 1, 20));
      assertThat(Retries.backoff(Duration.ofMillis(500), Duration.ofSeconds(30), attempt, random))
          .isBetween(Duration.ofMillis(exp / 2), Duration.ofMillis(exp));
    }
  }
}
