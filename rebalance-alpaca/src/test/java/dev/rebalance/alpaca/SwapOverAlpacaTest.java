package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.alpaca.fake.Fault;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionAction;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.execution.ExecutionOutcome;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.execution.ResumeReport;
import dev.rebalance.core.execution.SwapExecutor;
import dev.rebalance.core.store.InMemoryTrackerStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: the core's {@code SwapExecutor} (unchanged) drives the real {@link AlpacaBroker}
 * against the fake Alpaca with faults injected, through a whole swap and through a crash between
 * the sale and the purchase followed by {@code resume()}. Each ends with exactly one sell order and
 * one buy order at the fake, and one history event carrying the fill prices.
 */
class SwapOverAlpacaTest {
  private static final String ACCOUNT = "paper";
  private FakeHarness h;
  private InMemoryTrackerStore store;

  /** The process dying: nothing in the executor catches an Error. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("simulated crash right after the sell order was placed");
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    h = new FakeHarness(b -> b.maxAttempts(6));
    h.fake.position("PEP", "100", "160");
    store = new InMemoryTrackerStore();
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  private SwapExecutor executor(Broker broker) {
    return SwapExecutor.builder()
        .broker(broker)
        .store(store)
        .account(ACCOUNT)
        .clock(h.clock)
        .sleeper(h.clock::advance)
        .cooldown(Duration.ofMinutes(60))
        .build();
  }

  private Decision decision() {
    return Decision.builder()
        .decidedAt(h.clock.instant())
        .action(DecisionAction.SWAP)
        .reason(DecisionReason.SWAP)
        .addSwaps(
            Swap.builder()
                .sell("PEP")
                .sellQty(new BigDecimal("100"))
                .sellFraction(BigDecimal.ONE)
                .buy("TSLA")
                .oldScore(new BigDecimal("52.1"))
                .newScore(new BigDecimal("75.3"))
                .build())
        .build();
  }

  private void injectFaults() {
    // The sale's answer is lost after Alpaca placed it, then the purchase's answer is cut off.
    h.fake.queueFaults("POST /v2/orders", Fault.ACCEPT_THEN_DROP, Fault.ACCEPT_THEN_MALFORMED);
    h.fake.queueFaults("GET /v2/orders/", Fault.SERVER_ERROR, Fault.RATE_LIMIT);
    h.fake.queueFaults("GET /v2/account", Fault.DROP);
    h.fake.chaos(0.1, List.of(Fault.RATE_LIMIT, Fault.SERVER_ERROR, Fault.SLOW_OK));
  }

  private void assertOneSellOneBuyAndHistoryWithFillPrices() {
    assertThat(h.fake.orders())
        .extracting(o -> o.get("symbol").asText() + ":" + o.get("side").asText())
        .containsExactly("PEP:sell", "TSLA:buy");
    assertThat(h.fake.ordersPerClientId().values()).containsOnly(1);
    List<RebalanceEvent> history = store.history(ACCOUNT, 10, 0);
    assertThat(history)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.oldSymbol()).isEqualTo("PEP");
              assertThat(e.newSymbol()).isEqualTo("TSLA");
              assertThat(e.soldQty()).contains(new BigDecimal("100"));
              assertThat(e.sellPrice())
                  .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("170.25"));
              assertThat(e.buyPrice())
                  .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("250.00"));
              assertThat(e.boughtQty())
                  .hasValueSatisfying(q -> assertThat(q.signum()).isPositive());
            });
    assertThat(store.openIntents(ACCOUNT)).isEmpty();
  }

  @Test
  void aWholeSwapWithFaultsPlacesOneSellAndOneBuy() {
    injectFaults();

    ExecutionResult r = executor(h.broker).execute(decision()).get(0);

    assertThat(r.outcome()).as(r.detail()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertOneSellOneBuyAndHistoryWithFillPrices();
    assertThat(h.fake.totalRestFaults()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aCrashAfterTheSaleIsResumedWithoutASecondSaleAndWithOneBuy() {
    injectFaults();
    Broker crashing =
        (Broker)
            Proxy.newProxyInstance(
                Broker.class.getClassLoader(),
                new Class<?>[] {Broker.class},
                (proxy, method, args) -> {
                  Object out;
                  try {
                    out = method.invoke(h.broker, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  if (method.getName().equals("submitOrder")
                      && ((OrderRequest) args[0]).side() == OrderSide.SELL) {
                    throw new SimulatedCrash();
                  }
                  return out;
                });

    assertThatThrownBy(() -> executor(crashing).execute(decision()))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(h.fake.orders()).hasSize(1);
    assertThat(store.openIntents(ACCOUNT))
        .extracting(SwapIntent::sellSymbol)
        .containsExactly("PEP");

    ResumeReport report = executor(h.broker).resume();

    assertThat(report.completed()).as(report.toString()).isEqualTo(1);
    assertOneSellOneBuyAndHistoryWithFillPrices();
    Map<String, Integer> perId = h.fake.ordersPerClientId();
    assertThat(perId).hasSize(2);
    assertThat(h.fake.requestsTo("GET /v2/orders:by_client_order_id")).isPositive();
    assertThat(h.fake.orders().get(0).get("filled_avg_price").asText()).isEqualTo("170.25");
    assertThat(Instant.parse(h.fake.orders().get(1).get("submitted_at").asText()))
        .isAfterOrEqualTo(Instant.parse(h.fake.orders().get(0).get("submitted_at").asText()));
  }
}
