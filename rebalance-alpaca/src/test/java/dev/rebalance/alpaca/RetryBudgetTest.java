package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.alpaca.fake.Fault;
import dev.rebalance.api.BrokerException;
import dev.rebalance.api.BrokerException.Kind;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each retry costs in HTTP calls and waits, counted at the fake server and on the fake
 * sleeper: the budget {@code internal/Retries} gives reads and order submissions.
 */
class RetryBudgetTest {
  private static final String POST = "POST /v2/orders";
  private static final String LOOKUP = "GET /v2/orders:by_client_order_id";

  private FakeHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new FakeHarness();
    h.fake.enforceUniqueClientOrderId(false); // a second order for one client order id would show
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  private static OrderRequest buy(String cid, String qty) {
    return OrderRequest.builder()
        .clientOrderId(cid)
        .symbol("AAPL")
        .side(OrderSide.BUY)
        .qty(new BigDecimal(qty))
        .build();
  }

  @Test
  void aLookupCostsAtMostMaxAttemptsCalls() {
    h.fake.queueFaults(
        LOOKUP,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR);
    assertThatThrownBy(() -> h.broker.orderByClientId("rb-look-1"))
        .isInstanceOf(AlpacaServerException.class);
    assertThat(h.fake.requestsTo(LOOKUP)).isEqualTo(4); // maxAttempts, not 4 per retry of a retry
    assertThat(h.sleeper.sleeps()).hasSize(3);
  }

  @Test
  void aServerErrorOnAGetIsRetriedTheConfiguredTimesWithTheConfiguredDelays() throws Exception {
    try (FakeHarness tuned =
        new FakeHarness(
            b ->
                b.maxAttempts(3)
                    .initialBackoff(Duration.ofMillis(200))
                    .maxBackoff(Duration.ofMillis(300)))) {
      tuned.fake.queueFaults(
          "GET /v2/clock", Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR);
      assertThatThrownBy(() -> tuned.broker.clock()).isInstanceOf(AlpacaServerException.class);
      assertThat(tuned.fake.requestsTo("GET /v2/clock")).isEqualTo(3);
      assertThat(tuned.sleeper.sleeps()).hasSize(2);
      // 200 ms, then 400 ms capped at 300 ms; each times a factor in [0.5, 1).
      assertThat(tuned.sleeper.sleeps().get(0))
          .isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(tuned.sleeper.sleeps().get(1))
          .isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
    }
  }

  @Test
  void aRefusedReadIsSentOnce() {
    h.fake.stub("GET /v2/account", 403, "{\"code\":40310000,\"message\":\"access denied\"}");
    assertThatThrownBy(() -> h.broker.account())
        .isInstanceOfSatisfying(
            AlpacaException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED));
    assertThat(h.fake.requestsTo("GET /v2/account")).isEqualTo(1);
    assertThat(h.sleeper.sleeps()).isEmpty();
  }

  @Test
  void aRefusedOrderIsSentOnceAndNeverLookedUp() {
    assertThatThrownBy(() -> h.broker.submitOrder(buy("rb-poor-1", "100000")))
        .isInstanceOfSatisfying(
            InsufficientBuyingPowerException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED));
    assertThat(h.fake.requestsTo(POST)).isEqualTo(1);
    assertThat(h.fake.requestsTo(LOOKUP)).isZero();
    assertThat(h.sleeper.sleeps()).isEmpty();
  }

  @Test
  void aRateLimitedOrderWaitsForTheResetAndIsSentAgainWithoutALookup() {
    h.fake.queueFaults(POST, Fault.RATE_LIMIT);
    assertThat(h.broker.submitOrder(buy("rb-429-1", "1")).clientOrderId()).isEqualTo("rb-429-1");
    assertThat(h.fake.requestsTo(POST)).isEqualTo(2);
    assertThat(h.fake.requestsTo(LOOKUP)).isZero();
    // The fake's reset is 1-2 s ahead (whole epoch seconds); the wait adds under 250 ms of jitter.
    assertThat(h.sleeper.sleeps())
        .singleElement()
        .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofMillis(2_250)));
    assertThat(h.fake.ordersPerClientId()).containsEntry("rb-429-1", 1);
  }

  @Test
  void anOrderWhoseOutcomeStaysUnknownIsSentOnceAndSaysSo() {
    h.fake.queueFaults(POST, Fault.ACCEPT_THEN_SERVER_ERROR);
    h.fake.queueFaults(
        LOOKUP, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR);
    assertThatThrownBy(() -> h.broker.submitOrder(buy("rb-unk-1", "1")))
        .isInstanceOfSatisfying(
            BrokerException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN));
    assertThat(h.fake.requestsTo(POST)).isEqualTo(1);
    assertThat(h.fake.requestsTo(LOOKUP)).isEqualTo(4);
    assertThat(h.fake.ordersPerClientId()).containsEntry("rb-unk-1", 1);
  }

  @Test
  void anOrderThatNeverArrivedIsSentAtMostMaxAttemptsTimesEachAfterA404() {
    h.fake.queueFaults(
        POST, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR);
    assertThatThrownBy(() -> h.broker.submitOrder(buy("rb-none-1", "1")))
        .isInstanceOf(AlpacaServerException.class);
    assertThat(h.fake.requestsTo(POST)).isEqualTo(4);
    assertThat(h.fake.requestsTo(LOOKUP))
        .isEqualTo(4); // one 404 per failed POST, before any resend
    assertThat(h.sleeper.sleeps()).hasSize(3);
    assertThat(h.fake.ordersPerClientId()).doesNotContainKey("rb-none-1");
  }
}
