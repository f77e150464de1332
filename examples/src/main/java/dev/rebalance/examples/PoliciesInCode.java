package dev.rebalance.examples;

import dev.rebalance.api.PositionLock;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.CooldownPolicy;
import dev.rebalance.core.decision.HoldTimePolicy;
import dev.rebalance.core.decision.PartialSellSizer;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.store.InMemoryTrackerStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The four policies configured in code instead of from a config file: a hold time that is longer at
 * the start of the week, a fixed cooldown, a lock known to the program (put into the store, the one
 * home of locks), and a sizer that sells half. Run it with
 *
 * <pre>{@code
 * java -cp examples/target/example-bot.jar dev.rebalance.examples.PoliciesInCode
 * }</pre>
 *
 * <p>Not meant to be instantiated; thread-safe because it is stateless.
 */
public final class PoliciesInCode {
  private static final String ACCOUNT = "policies-in-code";

  private PoliciesInCode() {}

  /**
   * Builds a rebalancer from three policies.
   *
   * @param clock the clock decisions are made at
   * @return the rebalancer
   */
  public static Rebalancer rebalancer(Clock clock) {
    // 1. Hold time: your own rule. Here: two hours on Mondays, 30 minutes otherwise.
    HoldTimePolicy holdTime =
        (entryTime, now) -> {
          Duration min =
              now.atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.MONDAY
                  ? Duration.ofHours(2)
                  : Duration.ofMinutes(30);
          return !entryTime.plus(min).isAfter(now);
        };
    // 2. Cooldown: one of the built-in factories.
    CooldownPolicy cooldown = CooldownPolicy.fixed(Duration.ofMinutes(90));
    // 3. Locks have one home, the store (see main): the decision reads them from the scan's
    //    TrackerState, so a lock set here, with `rebalance lock` or on the dashboard is the same.
    // 4. Sizing: sell half of the weakest position.
    PartialSellSizer sizer = PartialSellSizer.of(new BigDecimal("0.5"));

    return Rebalancer.builder()
        .config(RebalanceConfig.builder().scoreThreshold(BigDecimal.valueOf(12)).build())
        .clock(clock)
        .holdTimePolicy(holdTime)
        .cooldownPolicy(cooldown)
        .sizer(sizer)
        .build();
  }

  /**
   * Runs a week on the simulated market with these policies and prints the summary.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (InMemoryTrackerStore store = new InMemoryTrackerStore()) {
      // A lock the program itself knows about goes into the store, like any other lock.
      store.putLock(
          ACCOUNT,
          PositionLock.builder()
              .symbol("BRK.B")
              .reason("long-term hold")
              .lockedBy("policy")
              .lockedAt(Instant.parse("2025-01-01T00:00:00Z"))
              .build());
      RunSummary summary =
          Simulation.builder(store, PoliciesInCode::rebalancer)
              .label("policies in code")
              .account(ACCOUNT)
              .days(5)
              .listener(new ConsoleReport(System.out))
              .build()
              .run();
      System.out.println();
      ConsoleReport.table(System.out, ConsoleReport.rows(List.of(summary)));
    }
  }
}
