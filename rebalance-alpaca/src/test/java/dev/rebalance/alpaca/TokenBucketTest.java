package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.alpaca.fake.TestClock;
import dev.rebalance.alpaca.internal.TokenBucket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  @Test
  void aFullMinuteBurstThenOneRequestPerThreeHundredMillis() {
    TestClock clock = new TestClock(Instant.parse("2026-11-03T15:00:00Z"));
    TokenBucket b = new TokenBucket(200, clock);
    for (int i = 0; i < 200; i++) {
      assertThat(b.reserve()).isZero();
    }
    assertThat(b.reserve()).isEqualTo(Duration.ofMillis(300));
    assertThat(b.reserve()).isEqualTo(Duration.ofMillis(600)); // queued behind the previous one
    clock.advance(Duration.ofMillis(900));
    assertThat(b.reserve()).isZero();
    clock.advance(Duration.ofMinutes(5));
    for (int i = 0; i < 200; i++) {
      assertThat(b.reserve()).isZero(); // refills to capacity, never beyond
    }
    assertThat(b.reserve()).isPositive();
  }

  @Test
  void allCallsOfOneClientShareTheBucket() throws Exception {
    try (FakeHarness h = new FakeHarness(c -> c.requestsPerMinute(10))) {
      for (int i = 0; i < 25; i++) {
        if (i % 2 == 0) {
          h.broker.account();
        } else {
          h.broker.positions();
        }
      }
      // 10 free, then 15 more at 6 s each: the sleeper (and so the clock) moved 90 s.
      assertThat(h.sleeper.total()).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(91));
      assertThat(h.broker.requestCount()).isEqualTo(25);
    }
  }
}
