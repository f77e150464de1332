package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.core.execution.HistoryRecorder;
import dev.rebalance.core.fake.TestStore;
import dev.rebalance.core.log.LogEvents;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {
  private final TestStore store = new TestStore();
  private final HistoryRecorder recorder = HistoryRecorder.create(store, "acc");

  private static RebalanceEvent event(String at, String oldScore, String newScore) {
    return RebalanceEvent.builder()
        .timestamp(Instant.parse(at))
        .oldSymbol("PEP")
        .newSymbol("TSLA")
        .oldScore(new BigDecimal(oldScore))
        .newScore(new BigDecimal(newScore))
        .soldQty(new BigDecimal("10"))
        .sellFraction(new BigDecimal("0.5"))
        .build();
  }

  @Test
  void recordAppendsAndLogsTheEvent() {
    try (LogCapture logs = new LogCapture(HistoryRecorder.class)) {
      recorder.record(event("2025-11-25T15:45:00Z", "52.1", "75.3"));
      recorder.record(event("2025-11-25T16:45:00Z", "50", "61"));

      assertThat(store.history("acc", 10, 0))
          .extracting(RebalanceEvent::timestamp)
          .containsExactly(
              Instant.parse("2025-11-25T16:45:00Z"), Instant.parse("2025-11-25T15:45:00Z"));
      assertThat(logs.events(LogEvents.REBALANCING_EVENT_TRACKED))
          .first()
          .satisfies(
              kv ->
                  assertThat(kv)
                      .containsEntry("old_symbol", "PEP")
                      .containsEntry("new_symbol", "TSLA")
                      .containsEntry("score_diff", "23.2")
                      .containsEntry("sell_fraction", "0.5"));
    }
  }

  @Test
  void storeFailureIsNotLoggedAsTracked() {
    store.failWritesAfter = 0;
    try (LogCapture logs = new LogCapture(HistoryRecorder.class)) {
      assertThatThrownBy(() -> recorder.record(event("2025-11-25T15:45:00Z", "1", "2")))
          .isInstanceOf(TrackerStoreException.class);
      assertThat(logs.events(LogEvents.REBALANCING_EVENT_TRACKED)).isEmpty();
    }
  }
}
