package dev.rebalance.alpaca;

import dev.rebalance.alpaca.fake.FakeAlpaca;
import dev.rebalance.alpaca.fake.FakeSleeper;
import dev.rebalance.alpaca.fake.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.UnaryOperator;

/** A fake Alpaca plus an {@link AlpacaBroker} wired to it with a test clock and sleeper. */
final class FakeHarness implements AutoCloseable {
  final TestClock clock = new TestClock(Instant.parse("2026-11-03T15:00:00Z"));
  final FakeSleeper sleeper = new FakeSleeper(clock);
  final FakeAlpaca fake;
  final AlpacaBroker broker;

  FakeHarness() throws IOException {
    this(b -> b);
  }

  FakeHarness(UnaryOperator<AlpacaConfig.Builder> tweak) throws IOException {
    fake = new FakeAlpaca(clock);
    AlpacaConfig config =
        tweak
            .apply(
                fake.config()
                    .requestTimeout(Duration.ofSeconds(3))
                    .connectTimeout(Duration.ofSeconds(2)))
            .build();
    broker =
        AlpacaBroker.builder()
            .config(config)
            .clock(clock)
            .sleeper(sleeper)
            .random(new Random(1))
            .build();
  }

  @Override
  public void close() throws IOException {
    fake.close();
  }
}
