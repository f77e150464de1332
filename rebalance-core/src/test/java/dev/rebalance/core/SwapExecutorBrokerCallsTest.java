package dev.rebalance.core;

import static dev.rebalance.core.SwapExecutorTest.ACCOUNT;
import static dev.rebalance.core.SwapExecutorTest.T0;
import static dev.rebalance.core.SwapExecutorTest.decision;
import static dev.rebalance.core.SwapExecutorTest.swap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.execution.ExecutionOutcome;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.execution.ResumeReport;
import dev.rebalance.core.execution.SwapExecutor;
import dev.rebalance.core.fake.FakeBroker;
import dev.rebalance.core.fake.FakeBroker.Plan;
import dev.rebalance.core.fake.FakeBroker.Point;
import dev.rebalance.core.store.InMemoryTrackerStore;
import dev.rebalance.tck.MutableClock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One retry layer: the broker adapter retries its transport, the executor does not. These tests
 * count the executor's broker calls: a failed look-up is one call and leaves the swap pending, a
 * refusal is one submission, a transient failure is re-sent without a look-up, and an unknown
 * outcome is looked up once before anything is sent again.
 */
class SwapExecutorBrokerCallsTest {
  private MutableClock clock;
  private FakeBroker broker;
  private InMemoryTrackerStore store;
  private final Map<Point, Integer> calls = new EnumMap<>(Point.class);

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(T0);
    broker = SwapExecutorClaimTest.broker(clock);
    store = new InMemoryTrackerStore();
  }

  /** Counts every broker call by point; throws {@code failure} where {@code failing} says so. */
  private void failWhere(BiPredicate<Point, String> failing, BrokerException failure) {
    broker.faults =
        (point, key) -> {
          calls.merge(point, 1, Integer::sum);
          if (failing.test(point, key)) {
            throw failure;
          }
        };
  }

  private int calls(Point point) {
    return calls.getOrDefault(point, 0);
  }

  private SwapExecutor executor() {
    return SwapExecutorClaimTest.executor(broker, store, clock);
  }

  private static String sellId(Decision d) {
    return SwapExecutor.swapId(ACCOUNT, d, d.swaps().get(0)) + "-s";
  }

  @Test
  void aLookUpThatFailsIsOneCallThenTheSwapIsPending() {
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));
    String sellId = sellId(d);
    failWhere(
        (p, key) -> (p == Point.SUBMIT_AFTER && key.equals(sellId)) || p == Point.LOOKUP,
        new BrokerException("connection reset"));

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.PENDING);
    assertThat(r.detail()).contains("could not look up the sell order");
    assertThat(calls(Point.SUBMIT_BEFORE)).as("submissions").isEqualTo(1);
    assertThat(calls(Point.LOOKUP)).as("look-ups").isEqualTo(1);

    calls.clear();
    ResumeReport stillFailing = executor().resume();

    assertThat(stillFailing.pending()).isEqualTo(1);
    assertThat(calls(Point.LOOKUP)).as("look-ups on resume").isEqualTo(1);
    assertThat(calls(Point.SUBMIT_BEFORE)).as("nothing sent while unknown").isZero();

    calls.clear();
    failWhere((p, key) -> false, new BrokerException("unused"));
    ResumeReport report = executor().resume();

    assertThat(report.completed()).isEqualTo(1);
    assertThat(broker.landedPerClientId()).containsEntry(sellId, 1);
    assertThat(calls(Point.LOOKUP))
        .as("the sale is found, then the purchase looked up")
        .isEqualTo(2);
    assertThat(calls(Point.SUBMIT_BEFORE)).as("only the purchase is sent").isEqualTo(1);
  }

  @Test
  void aReadThatFailsWhileWaitingForAFillIsOneCallThenTheSwapIsPending() {
    failWhere((p, key) -> p == Point.ORDER, new BrokerException("503 unavailable"));

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.PENDING);
    assertThat(r.detail()).contains("could not read the sell order").contains("503 unavailable");
    assertThat(calls(Point.ORDER)).isEqualTo(1);
    assertThat(store.openIntents(ACCOUNT))
        .extracting(SwapIntent::status)
        .containsExactly(SwapStatus.SELL_SUBMITTED);
  }

  @Test
  void aRefusedSaleIsSubmittedOnceAndNeverLookedUp() {
    failWhere(
        (p, key) -> p == Point.SUBMIT_BEFORE,
        new BrokerException("insufficient qty (403)", BrokerException.Kind.REFUSED));

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail()).contains("insufficient qty").contains("nothing was traded");
    assertThat(calls(Point.SUBMIT_BEFORE)).isEqualTo(1);
    assertThat(calls(Point.LOOKUP)).isZero();
  }

  @Test
  void aRefusedPurchaseIsSubmittedOnceAndTheSaleStands() {
    broker.planner =
        req -> req.side() == OrderSide.BUY ? Plan.rejectSync("wash trade detected") : Plan.fill();
    failWhere((p, key) -> false, new BrokerException("unused"));

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail()).contains("wash trade").contains("stands");
    assertThat(broker.submitCalls()).as("one sale, one purchase").isEqualTo(2);
    assertThat(calls(Point.LOOKUP)).isZero();
  }

  @Test
  void aTransientFailureOnEveryAttemptIsSentSubmitAttemptsTimesWithoutALookUp() {
    failWhere(
        (p, key) -> p == Point.SUBMIT_BEFORE,
        new BrokerException("rate limited (429)", BrokerException.Kind.TRANSIENT));

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail()).contains("rate limited").contains("nothing was traded");
    assertThat(calls(Point.SUBMIT_BEFORE)).as("submitAttempts, default 2").isEqualTo(2);
    assertThat(calls(Point.LOOKUP)).isZero();
  }

  @Test
  void anUnknownOutcomeIsLookedUpOnceBeforeEachResend() {
    failWhere(
        (p, key) -> p == Point.SUBMIT_BEFORE, new BrokerException("timed out (unknown outcome)"));

    ExecutionResult r =
        SwapExecutor.builder()
            .broker(broker)
            .store(store)
            .account(ACCOUNT)
            .clock(clock)
            .sleeper(clock::advance)
            .cooldown(Duration.ofMinutes(60))
            .submitAttempts(3)
            .build()
            .execute(decision(T0, swap("PEP", "100", "TSLA")))
            .get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(calls(Point.SUBMIT_BEFORE)).isEqualTo(3);
    assertThat(calls(Point.LOOKUP)).as("one look-up per failed send, none retried").isEqualTo(3);
    assertThat(broker.ordersPlaced()).isZero();
  }
}
