package dev.rebalance.core;

import static dev.rebalance.core.SwapExecutorTest.ACCOUNT;
import static dev.rebalance.core.SwapExecutorTest.T0;
import static dev.rebalance.core.SwapExecutorTest.decision;
import static dev.rebalance.core.SwapExecutorTest.swap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.core.decision.CooldownPolicy;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.execution.ExecutionOutcome;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.execution.ResumeReport;
import dev.rebalance.core.execution.SwapExecutor;
import dev.rebalance.core.fake.FakeBroker;
import dev.rebalance.core.fake.FakeBroker.Plan;
import dev.rebalance.core.store.InMemoryTrackerStore;
import dev.rebalance.tck.MutableClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who may place a swap's orders: only the executor that claimed the cooldown slot (or one that
 * resumes the swap), under the rebalancer's own cooldown policy; and waits that end whatever clock
 * is injected.
 */
class SwapExecutorClaimTest {

  static FakeBroker broker(MutableClock clock) {
    return new FakeBroker(clock)
        .cash("0")
        .hold("PEP", "100", "160")
        .price("PEP", "170.37")
        .asset("PEP", false)
        .price("TSLA", "251.13")
        .asset("TSLA", true);
  }

  static SwapExecutor executor(FakeBroker broker, InMemoryTrackerStore store, MutableClock clock) {
    return SwapExecutor.builder()
        .broker(broker)
        .store(store)
        .account(ACCOUNT)
        .clock(clock)
        .sleeper(clock::advance)
        .cooldown(Duration.ofMinutes(60))
        .build();
  }

  @Test
  void anExecutorNeverDrivesASwapAnotherOneClaimed() {
    // Two bot instances on one store, each with its own broker, decide the same swap at the same
    // time (same seed, same scan): the swap id is the same for both.
    MutableClock clock = MutableClock.at(T0);
    InMemoryTrackerStore store = new InMemoryTrackerStore();
    FakeBroker brokerB = broker(clock);
    SwapExecutor b = executor(brokerB, store, clock);
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));
    // Instance A claimed the slot, recorded the intent and sent its sale, which is still open.
    String id = SwapExecutor.swapId(ACCOUNT, d, d.swaps().get(0));
    store.claimRebalance(ACCOUNT, T0, Duration.ofMinutes(60));
    store.putIntent(
        ACCOUNT,
        SwapIntent.builder()
            .id(id)
            .createdAt(T0)
            .updatedAt(T0)
            .status(SwapStatus.SELL_SUBMITTED)
            .sellSymbol("PEP")
            .sellQty(new BigDecimal("100"))
            .sellFraction(BigDecimal.ONE)
            .buySymbol("TSLA")
            .oldScore(new BigDecimal("52.1"))
            .newScore(new BigDecimal("75.3"))
            .sellOrderId("order-of-instance-a")
            .detail("sale sent by instance A")
            .build());

    ExecutionResult second = b.execute(d).get(0);

    assertThat(second.outcome()).isEqualTo(ExecutionOutcome.NOT_CLAIMED);
    assertThat(second.detail()).contains("claimed by another executor");
    assertThat(brokerB.submitCalls()).isZero();
    assertThat(store.intent(ACCOUNT, second.swapId()).orElseThrow().status())
        .isEqualTo(SwapStatus.SELL_SUBMITTED);
  }

  @Test
  void aCompletedSwapOfAnotherExecutorIsNotRepeatedOrRecordedTwice() {
    MutableClock clock = MutableClock.at(T0);
    InMemoryTrackerStore store = new InMemoryTrackerStore();
    FakeBroker brokerA = broker(clock);
    FakeBroker brokerB = broker(clock);
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));

    assertThat(executor(brokerA, store, clock).execute(d).get(0).outcome())
        .isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(executor(brokerB, store, clock).execute(d).get(0).outcome())
        .isEqualTo(ExecutionOutcome.NOT_CLAIMED);

    assertThat(brokerB.submitCalls()).isZero();
    assertThat(store.history(ACCOUNT, 10, 0)).hasSize(1);
  }

  @Test
  void theSameExecutorContinuesItsOwnSwapWhenExecutedAgain() {
    MutableClock clock = MutableClock.at(T0);
    InMemoryTrackerStore store = new InMemoryTrackerStore();
    FakeBroker broker = broker(clock);
    SwapExecutor a = executor(broker, store, clock);
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));

    assertThat(a.execute(d).get(0).outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(a.execute(d).get(0).outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(broker.ordersPlaced()).isEqualTo(2);
  }

  @Test
  void theClaimUsesTheRebalancersOwnCooldownPolicy() {
    MutableClock clock = MutableClock.at(T0);
    InMemoryTrackerStore store = new InMemoryTrackerStore();
    // A custom policy: three hours between swaps (the configuration's cooldown stays 60 minutes).
    CooldownPolicy threeHours = CooldownPolicy.fixed(Duration.ofHours(3));
    Rebalancer rebalancer = Rebalancer.builder().clock(clock).cooldownPolicy(threeHours).build();
    store.setLastRebalance(ACCOUNT, T0.minus(Duration.ofHours(2)));
    FakeBroker broker = broker(clock);
    SwapExecutor executor =
        SwapExecutor.builder()
            .broker(broker)
            .store(store)
            .account(ACCOUNT)
            .rebalancer(rebalancer)
            .sleeper(clock::advance)
            .build();

    ExecutionResult r = executor.execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.NOT_CLAIMED);
    assertThat(broker.submitCalls()).isZero();
    assertThat(store.lastRebalance(ACCOUNT)).contains(T0.minus(Duration.ofHours(2)));
    assertThat(rebalancer.cooldownPolicy()).isSameAs(threeHours);
  }

  @Test
  void aCooldownMustBeGivenExplicitly() {
    MutableClock clock = MutableClock.at(T0);
    assertThatThrownBy(
            () ->
                SwapExecutor.builder()
                    .broker(broker(clock))
                    .store(new InMemoryTrackerStore())
                    .account(ACCOUNT)
                    .build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("cooldown is required")
        .hasMessageContaining("rebalancer(");
  }

  @Test
  @Timeout(20)
  void aFrozenClockWithTheSystemSleeperStillEndsTheWait() {
    MutableClock brokerClock = MutableClock.at(T0);
    FakeBroker broker = broker(brokerClock);
    broker.planner = r -> Plan.stayOpen("0");
    Clock frozen = Clock.fixed(T0, ZoneOffset.UTC);
    SwapExecutor executor =
        SwapExecutor.builder()
            .broker(broker)
            .store(new InMemoryTrackerStore())
            .account(ACCOUNT)
            .clock(frozen)
            .cooldown(Duration.ofMinutes(60))
            .fillTimeout(Duration.ofMillis(300))
            .cancelTimeout(Duration.ofMillis(200))
            .pollInterval(Duration.ofMillis(20))
            .build();

    ExecutionResult r = executor.execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    // Before the fix the fill timeout was measured on the frozen clock and never expired.
    assertThat(r.outcome()).isIn(ExecutionOutcome.PENDING, ExecutionOutcome.FAILED);
  }

  @Test
  void aRefusedOrderIsNeitherLookedUpNorSentAgain() {
    MutableClock clock = MutableClock.at(T0);
    FakeBroker broker = broker(clock);
    broker.planner = r -> Plan.rejectSync("insufficient qty available for order (403, 40310000)");
    java.util.concurrent.atomic.AtomicInteger lookups =
        new java.util.concurrent.atomic.AtomicInteger();
    broker.faults =
        (point, key) -> {
          if (point == FakeBroker.Point.LOOKUP) {
            lookups.incrementAndGet();
          }
        };

    ExecutionResult r =
        executor(broker, new InMemoryTrackerStore(), clock)
            .execute(decision(T0, swap("PEP", "100", "TSLA")))
            .get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail()).contains("insufficient qty").contains("nothing was traded");
    assertThat(broker.submitCalls()).isEqualTo(1);
    assertThat(lookups).hasValue(0);
  }

  @Test
  void aTransientFailureIsSentAgainWithoutALookup() {
    MutableClock clock = MutableClock.at(T0);
    FakeBroker broker = broker(clock);
    java.util.concurrent.atomic.AtomicInteger lookups =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean once =
        new java.util.concurrent.atomic.AtomicBoolean();
    broker.faults =
        (point, key) -> {
          if (point == FakeBroker.Point.LOOKUP) {
            lookups.incrementAndGet();
          }
          if (point == FakeBroker.Point.SUBMIT_BEFORE && once.compareAndSet(false, true)) {
            throw new dev.rebalance.api.BrokerException(
                "rate limited (429)", dev.rebalance.api.BrokerException.Kind.TRANSIENT);
          }
        };

    ExecutionResult r =
        executor(broker, new InMemoryTrackerStore(), clock)
            .execute(decision(T0, swap("PEP", "100", "TSLA")))
            .get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(broker.ordersPlaced()).isEqualTo(2);
    assertThat(lookups).hasValue(0);
  }

  @Test
  void resumeTakesOverAnotherExecutorsSwapOnlyOnceItStoodStill() {
    MutableClock clock = MutableClock.at(T0);
    InMemoryTrackerStore store = new InMemoryTrackerStore();
    FakeBroker brokerA = broker(clock);
    brokerA.planner = r -> Plan.stayOpen("0");
    SwapExecutor a =
        SwapExecutor.builder()
            .broker(brokerA)
            .store(store)
            .account(ACCOUNT)
            .clock(clock)
            .sleeper(clock::advance)
            .cooldown(Duration.ofMinutes(60))
            .fillTimeout(Duration.ofSeconds(2))
            .cancelTimeout(Duration.ofSeconds(1))
            .build();
    brokerA.faults =
        (point, key) -> {
          if (point == FakeBroker.Point.CANCEL) {
            throw new dev.rebalance.api.BrokerException("cancel not reachable");
          }
        };
    ExecutionResult first = a.execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);
    assertThat(first.outcome()).isEqualTo(ExecutionOutcome.PENDING);
    SwapExecutor b =
        SwapExecutor.builder()
            .broker(brokerA)
            .store(store)
            .account(ACCOUNT)
            .clock(clock)
            .sleeper(clock::advance)
            .cooldown(Duration.ofMinutes(60))
            .takeoverAfter(Duration.ofMinutes(5))
            .build();
    int submitsBefore = brokerA.submitCalls();

    ResumeReport early = b.resume();

    assertThat(early.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(ExecutionOutcome.PENDING);
              assertThat(r.detail()).contains("another executor may be driving it");
            });
    assertThat(brokerA.submitCalls()).isEqualTo(submitsBefore);

    clock.advance(Duration.ofMinutes(6));
    brokerA.faults = (point, key) -> {};
    brokerA.planner = r -> Plan.fill();
    ResumeReport later = b.resume();

    assertThat(later.results())
        .singleElement()
        .extracting(ExecutionResult::detail)
        .asString()
        .doesNotContain("another executor may be driving it");
  }
}
