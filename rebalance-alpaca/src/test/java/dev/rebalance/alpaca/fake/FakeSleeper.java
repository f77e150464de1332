package dev.rebalance.alpaca.fake;

import dev.rebalance.api.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that moves a {@link TestClock} instead of sleeping, and records every wait. */
public final class FakeSleeper implements Sleeper {
  private final TestClock clock;
  private final List<Duration> sleeps = new ArrayList<>();

  public FakeSleeper(TestClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    synchronized (sleeps) {
      sleeps.add(duration);
    }
    if (!duration.isNegative()) {
      clock.advance(duration);
    }
  }

  public List<Duration> sleeps() {
    synchronized (sleeps) {
      return List.copyOf(sleeps);
    }
  }

  public Duration total() {
    synchronized (sleeps) {
      return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
  }
}
