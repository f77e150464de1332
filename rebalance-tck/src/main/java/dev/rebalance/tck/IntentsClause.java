package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clause 6: {@code putIntent} inserts or replaces by id; {@code openIntents} returns the intents
 * whose status is not terminal, oldest first; {@code intent} reads one whatever its status.
 *
 * <p>If this fails: check that a status update replaces the stored intent (the id is the key), that
 * {@code COMPLETED} and {@code FAILED} are excluded from the open list but still readable by id,
 * that the order is by {@code createdAt}, and that every optional field round-trips.
 *
 * <p>Run as {@code TrackerStoreContract.Clause6Intents} ("Clause 6: swap intents").
 */
abstract class IntentsClause extends ContractClause {

  IntentsClause(TrackerStoreContract contract) {
    super(contract);
  }

  @Test
  @DisplayName("An intent reads back equal to what was written, whatever its status.")
  void clause6_intentRoundTrips() {
    for (SwapStatus status : SwapStatus.values()) {
      SwapIntent i = TrackerFixtures.intent("swap-" + status, t(status.ordinal()), status);
      store.putIntent(ACCOUNT, i);
      assertThat(store.intent(ACCOUNT, i.id()))
          .as("clause 6: intent %s read back", status)
          .contains(i);
    }
    assertThat(store.intent(ACCOUNT, "never-written")).as("clause 6: unknown id").isEmpty();
  }

  @Test
  @DisplayName("Putting an intent with an existing id replaces it.")
  void clause6_putReplacesById() {
    store.putIntent(ACCOUNT, TrackerFixtures.intent("swap-1", t(0), SwapStatus.INTENT));
    SwapIntent filled =
        SwapIntent.builder()
            .from(TrackerFixtures.intent("swap-1", t(0), SwapStatus.SELL_FILLED))
            .updatedAt(t(2))
            .build();
    store.putIntent(ACCOUNT, filled);
    assertThat(store.openIntents(ACCOUNT))
        .as("clause 6: open intents after an update")
        .containsExactly(filled);
  }

  @Test
  @DisplayName("Open intents exclude terminal ones and come oldest first.")
  void clause6_openIntentsAreNonTerminalOldestFirst() {
    // updatedAt runs in another order (b, c, a) than createdAt (a, b, c): the order is createdAt's.
    store.putIntent(ACCOUNT, TrackerFixtures.intent("c", t(30), t(31), SwapStatus.BUY_SUBMITTED));
    store.putIntent(ACCOUNT, TrackerFixtures.intent("done", t(5), SwapStatus.COMPLETED));
    store.putIntent(ACCOUNT, TrackerFixtures.intent("a", t(10), t(40), SwapStatus.INTENT));
    store.putIntent(ACCOUNT, TrackerFixtures.intent("failed", t(1), SwapStatus.FAILED));
    store.putIntent(ACCOUNT, TrackerFixtures.intent("b", t(20), t(25), SwapStatus.SELL_SUBMITTED));
    assertThat(store.openIntents(ACCOUNT))
        .as(
            "clause 6: open intents, oldest createdAt first (not updatedAt), terminal ones excluded")
        .extracting(SwapIntent::id)
        .containsExactly("a", "b", "c");
    store.putIntent(ACCOUNT, TrackerFixtures.intent("a", t(10), SwapStatus.COMPLETED));
    assertThat(store.openIntents(ACCOUNT))
        .as("clause 6: an intent completed by an update leaves the open list")
        .extracting(SwapIntent::id)
        .containsExactly("b", "c");
    assertThat(store.intent(ACCOUNT, "a").map(SwapIntent::status))
        .as("clause 6: a completed intent is still readable by id")
        .contains(SwapStatus.COMPLETED);
  }
}
