package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rebalance.api.BrokerException;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionAction;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.execution.ExecutionOutcome;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.execution.ResumeReport;
import dev.rebalance.core.execution.SwapExecutor;
import dev.rebalance.core.fake.FakeBroker;
import dev.rebalance.core.fake.FakeBroker.Plan;
import dev.rebalance.core.fake.FakeBroker.Point;
import dev.rebalance.core.fake.TestStore;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.tck.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SwapExecutorTest {
  static final String ACCOUNT = "acct-1";
  static final Instant T0 = Instant.parse("2025-11-25T15:45:00Z");

  /** Simulates the process dying: nothing in the executor catches an Error. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String where) {
      super("simulated crash at " + where);
    }
  }

  MutableClock clock;
  FakeBroker broker;
  TestStore store;
  ListAppender<ILoggingEvent> logs;
  Logger executorLogger;

  private ch.qos.logback.classic.Level previousLevel;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(T0);
    broker =
        new FakeBroker(clock)
            .cash("0")
            .hold("PEP", "100", "160")
            .price("PEP", "170.37")
            .asset("PEP", false)
            .price("TSLA", "251.13")
            .asset("TSLA", true)
            .price("KO", "61.70")
            .asset("KO", false);
    store = new TestStore();
    executorLogger = (Logger) LoggerFactory.getLogger("dev.rebalance.core");
    logs = new ListAppender<>();
    logs.start();
    previousLevel = executorLogger.getLevel();
    executorLogger.setLevel(ch.qos.logback.classic.Level.DEBUG);
    executorLogger.addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    executorLogger.detachAppender(logs);
    executorLogger.setLevel(previousLevel);
  }

  SwapExecutor executor() {
    return SwapExecutor.builder()
        .broker(broker)
        .store(store)
        .account(ACCOUNT)
        .clock(clock)
        .sleeper(clock::advance)
        .cooldown(Duration.ofMinutes(60))
        .build();
  }

  static Decision decision(Instant at, Swap... swaps) {
    return Decision.builder()
        .decidedAt(at)
        .action(DecisionAction.SWAP)
        .reason(DecisionReason.SWAP)
        .addSwaps(swaps)
        .build();
  }

  static Swap swap(String sell, String qty, String buy) {
    return Swap.builder()
        .sell(sell)
        .sellQty(new BigDecimal(qty))
        .sellFraction(BigDecimal.ONE)
        .buy(buy)
        .oldScore(new BigDecimal("52.1"))
        .newScore(new BigDecimal("75.3"))
        .build();
  }

  String id(Decision d) {
    return SwapExecutor.swapId(ACCOUNT, d, d.swaps().get(0));
  }

  List<String> events() {
    return logs.list.stream().map(ILoggingEvent::getMessage).toList();
  }

  // ---- the normal path ------------------------------------------------------------------------

  @Test
  void happyPathSellsThenBuysByNotionalAndRecordsActualFills() {
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));

    List<ExecutionResult> results = executor().execute(d);

    assertThat(results).hasSize(1);
    ExecutionResult r = results.get(0);
    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    String id = id(d);
    assertThat(r.swapId()).isEqualTo(id);
    assertThat(store.intentWrites.get(id))
        .extracting(SwapIntent::status)
        .containsExactly(
            SwapStatus.INTENT,
            SwapStatus.SELL_SUBMITTED,
            SwapStatus.SELL_FILLED,
            SwapStatus.BUY_SUBMITTED,
            SwapStatus.COMPLETED);
    Order sell = broker.orderFor(id + "-s").orElseThrow();
    Order buy = broker.orderFor(id + "-b").orElseThrow();
    assertThat(sell.side()).isEqualTo(OrderSide.SELL);
    assertThat(sell.qty()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("100"));
    // freed = 100 x 170.37 = 17037.00, all of it by notional
    assertThat(buy.notional())
        .hasValueSatisfying(n -> assertThat(n).isEqualByComparingTo("17037.00"));
    assertThat(buy.qty()).isEmpty();
    assertThat(broker.ordersPlaced()).isEqualTo(2);
    assertThat(store.lastRebalance(ACCOUNT)).contains(T0);

    List<RebalanceEvent> history = store.history(ACCOUNT, 10, 0);
    assertThat(history).hasSize(1);
    RebalanceEvent e = history.get(0);
    assertThat(e.oldSymbol()).isEqualTo("PEP");
    assertThat(e.newSymbol()).isEqualTo("TSLA");
    assertThat(e.soldQty()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("100"));
    assertThat(e.sellPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("170.37"));
    assertThat(e.buyPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("251.13"));
    assertThat(e.boughtQty().orElseThrow())
        .isEqualByComparingTo(
            new BigDecimal("17037.00")
                .divide(new BigDecimal("251.13"), 9, java.math.RoundingMode.DOWN));
    assertThat(r.event()).contains(e);
    assertThat(store.openIntents(ACCOUNT)).isEmpty();
    assertThat(events())
        .contains(
            LogEvents.SWAP_INTENT_RECORDED,
            LogEvents.SWAP_ORDER_SUBMITTED,
            LogEvents.SWAP_SELL_FILLED,
            LogEvents.REBALANCING_EVENT_TRACKED,
            LogEvents.SWAP_COMPLETED);
  }

  @Test
  void nonFractionableBuyIsWholeSharesAtTheLatestPrice() {
    Decision d = decision(T0, swap("PEP", "100", "KO"));

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    Order buy = broker.orderFor(id(d) + "-b").orElseThrow();
    // floor(17037.00 / 61.70) = 276
    assertThat(buy.qty()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("276"));
    assertThat(buy.notional()).isEmpty();
    assertThat(r.intent().orElseThrow().buyFilledQty())
        .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("276"));
  }

  @Test
  void buyIsCappedByBuyingPower() {
    broker.cash("-10000"); // margin debt: buying power after the sale is 7037.00
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(broker.orderFor(id(d) + "-b").orElseThrow().notional())
        .hasValueSatisfying(n -> assertThat(n).isEqualByComparingTo("7037.00"));
    assertThat(r.intent().orElseThrow().detail().orElseThrow()).contains("sold 100 PEP");
  }

  @Test
  void holdDecisionDoesNothing() {
    Decision hold =
        Decision.builder()
            .decidedAt(T0)
            .action(DecisionAction.HOLD)
            .reason(DecisionReason.BELOW_THRESHOLD)
            .build();

    assertThat(executor().execute(hold)).isEmpty();
    assertThat(broker.submitCalls()).isZero();
    assertThat(store.lastRebalance(ACCOUNT)).isEmpty();
  }

  // ---- claim, market, idempotency ---------------------------------------------------------------

  @Test
  void lostClaimPlacesNoOrderAndRecordsNoIntent() {
    store.setLastRebalance(ACCOUNT, T0.minus(Duration.ofMinutes(10)));
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.NOT_CLAIMED);
    assertThat(r.detail())
        .contains("cooldown slot was already taken")
        .contains("no order was placed");
    assertThat(r.intent()).isEmpty();
    assertThat(broker.submitCalls()).isZero();
    assertThat(store.allIntents(ACCOUNT)).isEmpty();
    assertThat(store.lastRebalance(ACCOUNT)).contains(T0.minus(Duration.ofMinutes(10)));
    assertThat(events()).contains(LogEvents.SWAP_CLAIM_LOST);
  }

  @Test
  void concurrentBotsSharingAStoreSwapOnceInACooldownWindow() throws Exception {
    var shared = new dev.rebalance.core.store.InMemoryTrackerStore();
    int bots = 8;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(bots);
    var start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<ExecutionResult>> futures = new java.util.ArrayList<>();
    for (int i = 0; i < bots; i++) {
      Decision d = decision(T0.plusSeconds(i), swap("PEP", "10", "TSLA"));
      SwapExecutor bot =
          SwapExecutor.builder()
              .broker(broker)
              .store(shared)
              .account(ACCOUNT)
              .clock(clock)
              .sleeper(clock::advance)
              .cooldown(Duration.ofMinutes(60))
              .build();
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return bot.execute(d).get(0);
              }));
    }
    start.countDown();
    List<ExecutionOutcome> outcomes = new java.util.ArrayList<>();
    for (var f : futures) {
      outcomes.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS).outcome());
    }
    pool.shutdown();

    assertThat(outcomes).filteredOn(o -> o == ExecutionOutcome.COMPLETED).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o == ExecutionOutcome.NOT_CLAIMED).hasSize(bots - 1);
    assertThat(broker.ordersPlaced()).isEqualTo(2);
    assertThat(shared.history(ACCOUNT, 10, 0)).hasSize(1);
  }

  @Test
  void closedMarketClaimsNothing() {
    broker.marketOpen(false);

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.MARKET_CLOSED);
    assertThat(store.lastRebalance(ACCOUNT)).isEmpty();
    assertThat(broker.submitCalls()).isZero();
  }

  @Test
  void executingTheSameDecisionTwiceNeverTradesTwice() {
    Decision d = decision(T0, swap("PEP", "50", "TSLA"));
    SwapExecutor ex = executor();
    ex.execute(d);

    ExecutionResult again = ex.execute(d).get(0);

    assertThat(again.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(again.event()).isEmpty();
    assertThat(broker.ordersPlaced()).isEqualTo(2);
    assertThat(broker.submitCalls()).isEqualTo(2);
    assertThat(store.history(ACCOUNT, 10, 0)).hasSize(1);
  }

  @Test
  void everyIntentOfADecisionIsRecordedBeforeTheFirstOrder() {
    broker.hold("KO", "10", "60");
    Decision d = decision(T0, swap("PEP", "100", "TSLA"), swap("KO", "10", "MSFT"));
    broker.price("MSFT", "400").asset("MSFT", true);

    List<ExecutionResult> results = executor().execute(d);

    assertThat(results)
        .extracting(ExecutionResult::outcome)
        .containsExactly(ExecutionOutcome.COMPLETED, ExecutionOutcome.COMPLETED);
    assertThat(store.writeLog.subList(0, 2))
        .extracting(SwapIntent::status)
        .containsExactly(SwapStatus.INTENT, SwapStatus.INTENT);
    assertThat(store.history(ACCOUNT, 10, 0)).hasSize(2);
  }

  // ---- submit failures ------------------------------------------------------------------------

  @Test
  void sellSubmitTimingOutAfterTheBrokerAcceptedIsFoundNotResent() {
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));
    String sellId = id(d) + "-s";
    AtomicInteger thrown = new AtomicInteger();
    broker.faults =
        (p, key) -> {
          if (p == Point.SUBMIT_AFTER && key.equals(sellId) && thrown.getAndIncrement() == 0) {
            throw new BrokerException("timed out reading the response");
          }
        };

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(thrown).hasValue(1);
    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(broker.landedPerClientId()).containsEntry(sellId, 1).hasSize(2);
    assertThat(broker.submitCalls()).isEqualTo(2); // one sell, one buy: the sell was never resent
    assertThat(broker.duplicateSubmits()).isZero();
    assertThat(events())
        .contains(LogEvents.SWAP_ORDER_SUBMIT_FAILED, LogEvents.SWAP_ORDER_RECOVERED);
  }

  @Test
  void duplicateClientOrderIdRejectionUsesTheExistingOrder() {
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));
    String sellId = id(d) + "-s";
    AtomicInteger thrown = new AtomicInteger();
    broker.faults =
        (p, key) -> {
          if (p == Point.SUBMIT_AFTER && key.equals(sellId) && thrown.getAndIncrement() == 0) {
            throw new BrokerException("502 bad gateway");
          }
        };
    broker.hideOnce(sellId); // the broker's look-up lags: the first look-up misses the order

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(broker.duplicateSubmits()).isEqualTo(1);
    assertThat(broker.ordersPlaced()).isEqualTo(2);
    assertThat(broker.landedPerClientId()).containsEntry(sellId, 1);
    assertThat(r.intent().orElseThrow().sellOrderId())
        .contains(broker.orderFor(sellId).orElseThrow().id());
  }

  @Test
  void submitFailingBeforeReachingTheBrokerIsSentAgainWithTheSameId() {
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));
    String buyId = id(d) + "-b";
    AtomicInteger thrown = new AtomicInteger();
    broker.faults =
        (p, key) -> {
          if (p == Point.SUBMIT_BEFORE && key.equals(buyId) && thrown.getAndIncrement() == 0) {
            throw new BrokerException("503 service unavailable");
          }
        };

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(broker.submitCalls()).isEqualTo(3);
    assertThat(broker.landedPerClientId()).containsEntry(buyId, 1);
  }

  @Test
  void unreachableBrokerAfterASubmitLeavesTheSwapPendingAndSendsNothingMore() {
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));
    String sellId = id(d) + "-s";
    broker.faults =
        (p, key) -> {
          if ((p == Point.SUBMIT_AFTER && key.equals(sellId)) || p == Point.LOOKUP) {
            throw new BrokerException("connection reset");
          }
        };

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.PENDING);
    assertThat(r.detail()).contains("could not look up the sell order").contains(sellId);
    assertThat(broker.submitCalls()).isEqualTo(1);
    assertThat(store.openIntents(ACCOUNT))
        .extracting(SwapIntent::status)
        .containsExactly(SwapStatus.INTENT);

    broker.faults = (p, key) -> {};
    ResumeReport report = executor().resume();

    assertThat(report.completed()).isEqualTo(1);
    assertThat(broker.landedPerClientId()).containsEntry(sellId, 1);
    assertThat(broker.submitCalls()).isEqualTo(2);
  }

  // ---- fills ----------------------------------------------------------------------------------

  @Test
  void partialSellThenCancelBuysWithWhatFilled() {
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));
    broker.planner =
        req -> req.side() == OrderSide.SELL ? Plan.partialThenCancel("0.4") : Plan.fill();

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    SwapIntent it = r.intent().orElseThrow();
    assertThat(it.sellFilledQty())
        .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("40"));
    // 40 x 170.37 = 6814.80
    assertThat(broker.orderFor(id(d) + "-b").orElseThrow().notional())
        .hasValueSatisfying(n -> assertThat(n).isEqualByComparingTo("6814.80"));
    assertThat(store.history(ACCOUNT, 1, 0).get(0).soldQty())
        .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("40"));
    assertThat(store.intentWrites.get(id(d)).get(2).detail().orElseThrow()).contains("40 of 100");
  }

  @Test
  void sellStillOpenAtTheDeadlineIsCanceledAndWhatFilledIsUsed() {
    Decision d = decision(T0, swap("PEP", "100", "KO"));
    broker.planner = req -> req.side() == OrderSide.SELL ? Plan.stayOpen("0.5") : Plan.fill();

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(broker.orderFor(id(d) + "-s").orElseThrow().status())
        .isEqualTo(OrderStatus.CANCELED);
    assertThat(r.intent().orElseThrow().sellFilledQty())
        .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("50"));
    // the wait was driven by the clock, not by real sleeping
    assertThat(Duration.between(T0, clock.instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(events()).contains(LogEvents.SWAP_ORDER_CANCEL_REQUESTED);
  }

  @Test
  void sellThatFillsNothingFailsWithNothingTraded() {
    broker.planner =
        req -> req.side() == OrderSide.SELL ? Plan.partialThenExpire("0") : Plan.fill();

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail()).contains("EXPIRED with nothing filled").contains("nothing was traded");
    assertThat(broker.ordersPlaced()).isEqualTo(1);
    assertThat(store.history(ACCOUNT, 10, 0)).isEmpty();
  }

  @Test
  void sellOrderThatNeverEndsEvenAfterCancelIsPendingThenResumed() {
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));
    broker.planner = req -> req.side() == OrderSide.SELL ? Plan.stayOpen("0.5") : Plan.fill();
    broker.faults =
        (p, key) -> {
          if (p == Point.CANCEL) {
            throw new BrokerException("500 internal error");
          }
        };

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.PENDING);
    assertThat(r.detail()).contains("still OPEN");
    assertThat(executor().status())
        .extracting(SwapIntent::status)
        .containsExactly(SwapStatus.SELL_SUBMITTED);

    broker.faults = (p, key) -> {};
    ResumeReport report = executor().resume();

    assertThat(report.results())
        .extracting(ExecutionResult::outcome)
        .containsExactly(ExecutionOutcome.COMPLETED);
    assertThat(report.results().get(0).intent().orElseThrow().sellFilledQty())
        .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("50"));
    assertThat(broker.landedPerClientId()).containsEntry(id(d) + "-s", 1);
  }

  // ---- buy failures ---------------------------------------------------------------------------

  @Test
  void rejectedBuyFailsWithDetailAndAnEventAndTheSaleStands() {
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));
    broker.planner =
        req ->
            req.side() == OrderSide.BUY
                ? Plan.rejectSync("insufficient buying power")
                : Plan.fill();

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail())
        .contains("buy order was rejected: insufficient buying power")
        .contains("the sale of 100 PEP at 170.37 stands");
    assertThat(r.intent().orElseThrow().status()).isEqualTo(SwapStatus.FAILED);
    assertThat(r.intent().orElseThrow().sellFilledQty()).isPresent();
    assertThat(store.history(ACCOUNT, 10, 0)).isEmpty();
    assertThat(store.openIntents(ACCOUNT)).isEmpty();
    assertThat(events()).contains(LogEvents.SWAP_FAILED);
    ILoggingEvent failed =
        logs.list.stream()
            .filter(e -> e.getMessage().equals(LogEvents.SWAP_FAILED))
            .findFirst()
            .orElseThrow();
    assertThat(failed.getLevel()).isEqualTo(Level.WARN);
    assertThat(failed.getKeyValuePairs()).anySatisfy(kv -> assertThat(kv.key).isEqualTo("detail"));
  }

  @Test
  void buyRejectedAfterAcceptanceFails() {
    broker.planner = req -> req.side() == OrderSide.BUY ? Plan.rejectAsync("") : Plan.fill();

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail())
        .contains("REJECTED with nothing filled")
        .contains("proceeds remain in cash");
    assertThat(broker.ordersPlaced()).isEqualTo(2);
  }

  @Test
  void partiallyFilledBuyCompletesWithTheActualQuantity() {
    broker.planner =
        req -> req.side() == OrderSide.BUY ? Plan.partialThenCancel("0.5") : Plan.fill();

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "KO"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(r.event().orElseThrow().boughtQty())
        .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("138"));
    assertThat(r.detail()).contains("CANCELED after a partial fill");
  }

  @Test
  void proceedsTooSmallForOneWholeShareFailAfterTheSale() {
    broker.price("KO", "3000");
    broker.planner =
        req -> req.side() == OrderSide.SELL ? Plan.partialThenCancel("0.01") : Plan.fill();

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "KO"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail())
        .contains("buys no whole share of KO")
        .contains("the sale of 1 PEP at 170.37 stands");
    assertThat(broker.ordersPlaced()).isEqualTo(1);
  }

  // ---- pre-flight -------------------------------------------------------------------------------

  @Test
  void sellsNoMoreThanAvailable() {
    broker.holdForOtherOrders("PEP", "30");
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));

    ExecutionResult r = executor().execute(d).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(broker.orderFor(id(d) + "-s").orElseThrow().qty())
        .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("70"));
    assertThat(store.intentWrites.get(id(d)).get(1).detail().orElseThrow())
        .contains("selling 70 of the 100 decided (only 70 available)");
  }

  @Test
  void nothingAvailableFailsBeforeAnyOrder() {
    broker.holdForOtherOrders("PEP", "100");

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail())
        .contains("nothing of PEP is available to sell")
        .contains("nothing was traded");
    assertThat(broker.submitCalls()).isZero();
  }

  @Test
  void saleThatCouldNotBuyOneWholeShareIsNotSent() {
    broker.price("KO", "20000");

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "KO"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail())
        .contains("would not buy one whole share of KO")
        .contains("nothing was traded");
    assertThat(broker.submitCalls()).isZero();
  }

  @Test
  void saleThatWouldFreeLessThanTheSmallestNotionalBuyIsNotSent() {
    broker.asset("TSLA", true);
    broker.price("PEP", "0.009");

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail())
        .contains("selling 100 PEP at about 0.009 would free about 0.90")
        .contains("below the smallest notional order 1 for TSLA")
        .contains("nothing was traded");
    assertThat(broker.submitCalls()).isZero();
  }

  @Test
  void saleThatFreesTheSmallestNotionalBuyIsSent() {
    broker.asset("TSLA", true);
    broker.price("PEP", "0.01");

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.COMPLETED);
  }

  @Test
  void untradableBuyIsNotStarted() {
    broker.untradable("TSLA");

    ExecutionResult r = executor().execute(decision(T0, swap("PEP", "100", "TSLA"))).get(0);

    assertThat(r.outcome()).isEqualTo(ExecutionOutcome.FAILED);
    assertThat(r.detail()).contains("TSLA is not tradable");
    assertThat(broker.submitCalls()).isZero();
  }

  // ---- ids and builder -------------------------------------------------------------------------

  @Test
  void swapIdsAreDeterministicShortAndDistinct() {
    Decision d = decision(T0, swap("PEP", "100", "TSLA"));
    String a = id(d);
    assertThat(a).isEqualTo(id(decision(T0, swap("PEP", "1", "TSLA"))));
    assertThat(a).hasSizeLessThanOrEqualTo(40).startsWith("rb-");
    assertThat((a + "-s").length()).isLessThanOrEqualTo(48);
    assertThat(a)
        .isNotEqualTo(id(decision(T0.plusMillis(1), swap("PEP", "100", "TSLA"))))
        .isNotEqualTo(id(decision(T0, swap("PEP", "100", "KO"))))
        .isNotEqualTo(SwapExecutor.swapId("other", d, d.swaps().get(0)));
  }

  @Test
  void builderNamesWhatIsMissingOrOutOfRange() {
    assertThatThrownBy(() -> SwapExecutor.builder().store(store).account("a").build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("broker");
    assertThatThrownBy(
            () ->
                SwapExecutor.builder()
                    .broker(broker)
                    .store(store)
                    .clock(clock)
                    .account(" ")
                    .build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("account");
    assertThatThrownBy(
            () ->
                SwapExecutor.builder()
                    .broker(broker)
                    .store(store)
                    .clock(clock)
                    .account("a")
                    .pollInterval(Duration.ZERO)
                    .build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("pollInterval must be > 0");
    assertThatThrownBy(
            () ->
                SwapExecutor.builder()
                    .broker(broker)
                    .store(store)
                    .clock(clock)
                    .account("a")
                    .cooldown(Duration.ofSeconds(-1))
                    .build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("cooldown must be >= 0");
    assertThatThrownBy(
            () ->
                SwapExecutor.builder()
                    .broker(broker)
                    .store(store)
                    .clock(clock)
                    .account("a")
                    .submitAttempts(0)
                    .build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("submitAttempts");
  }
}
