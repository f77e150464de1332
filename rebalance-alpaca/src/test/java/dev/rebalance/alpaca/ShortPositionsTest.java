package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.alpaca.fake.LogCapture;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.PositionSide;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Defect 6 of issue 10: Alpaca reports a short as negative {@code qty} with {@code side: short}
 * (its OpenAPI {@code Position}); it keeps its side, so a caller can leave it out of the engine's
 * held positions.
 */
class ShortPositionsTest {
  private FakeHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new FakeHarness();
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  @Test
  void aShortKeepsItsSideAndNegativeQtyAndIsLogged() {
    h.fake.position("AAPL", "10", "150");
    h.fake.position("TSLA", "-5", "250");
    try (LogCapture logs = new LogCapture()) {
      List<BrokerPosition> all = h.broker.positions();
      assertThat(all)
          .extracting(BrokerPosition::symbol, BrokerPosition::side, BrokerPosition::qty)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("AAPL", PositionSide.LONG, new BigDecimal("10")),
              org.assertj.core.groups.Tuple.tuple(
                  "TSLA", PositionSide.SHORT, new BigDecimal("-5")));
      assertThat(h.broker.position("TSLA"))
          .get()
          .extracting(BrokerPosition::side)
          .isEqualTo(PositionSide.SHORT);
      assertThat(logs.lines())
          .filteredOn(l -> l.startsWith("alpaca_position_short"))
          .hasSize(2)
          .allSatisfy(l -> assertThat(l).contains("symbol=TSLA").contains("qty=-5"));
    }
  }

  @Test
  void sideShortWinsEvenWhenTheQuantityIsWrittenPositive() {
    h.fake.stub(
        "GET /v2/positions",
        200,
        "[{\"symbol\":\"TSLA\",\"qty\":\"5\",\"side\":\"short\","
            + "\"avg_entry_price\":\"250\"}]");
    assertThat(h.broker.positions())
        .singleElement()
        .extracting(BrokerPosition::side)
        .isEqualTo(PositionSide.SHORT);
  }
}
