package dev.rebalance.tck;

import static dev.rebalance.tck.TrackerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Clause 8: arguments are never null (a {@link NullPointerException} naming the argument); a
 * negative limit, offset or cooldown is an {@link IllegalArgumentException} whose message names it
 * ({@code limit}, {@code offset}, {@code cooldown}); a rejected call leaves the state intact.
 *
 * <p>If this fails: add {@code Objects.requireNonNull(arg, "arg")} for every parameter, named as in
 * the SPI ({@code account}, {@code symbol}, {@code entry}, {@code lock}, {@code event}, {@code at},
 * {@code cooldown}, {@code intent}, {@code id}), and check arguments before touching the storage.
 *
 * <p>Run as {@code TrackerStoreContract.Clause8Failures} ("Clause 8: failures and argument
 * checks").
 */
abstract class FailuresClause extends ContractClause {

  FailuresClause(TrackerStoreContract contract) {
    super(contract);
  }

  private DynamicTest rejectsNull(String call, String argument, Consumer<TrackerStore> c) {
    return DynamicTest.dynamicTest(
        call + " rejects a null " + argument,
        () ->
            assertThatThrownBy(() -> c.accept(store), "clause 8: %s with a null %s", call, argument)
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining(argument));
  }

  @TestFactory
  @DisplayName("Every method rejects a null argument with a NullPointerException naming it.")
  @SuppressWarnings("NullAway") // passes null on purpose: the clause is that it is rejected
  Stream<DynamicTest> clause8_nullArgumentsAreRejected() {
    TrackedEntry e = TrackerFixtures.entry("AAPL");
    PositionLock l = TrackerFixtures.lock("AAPL");
    RebalanceEvent ev = TrackerFixtures.event(T0);
    SwapIntent in = TrackerFixtures.intent("x", T0, SwapStatus.INTENT);
    return Stream.of(
        rejectsNull("entry", "account", s -> s.entry(null, "AAPL")),
        rejectsNull("entry", "symbol", s -> s.entry(ACCOUNT, null)),
        rejectsNull("entries", "account", s -> s.entries(null)),
        rejectsNull("putEntry", "account", s -> s.putEntry(null, e)),
        rejectsNull("putEntry", "entry", s -> s.putEntry(ACCOUNT, null)),
        rejectsNull("removeEntry", "account", s -> s.removeEntry(null, "AAPL")),
        rejectsNull("removeEntry", "symbol", s -> s.removeEntry(ACCOUNT, null)),
        rejectsNull("locks", "account", s -> s.locks(null)),
        rejectsNull("putLock", "account", s -> s.putLock(null, l)),
        rejectsNull("putLock", "lock", s -> s.putLock(ACCOUNT, null)),
        rejectsNull("removeLock", "account", s -> s.removeLock(null, "AAPL")),
        rejectsNull("removeLock", "symbol", s -> s.removeLock(ACCOUNT, null)),
        rejectsNull("removeAllLocks", "account", s -> s.removeAllLocks(null)),
        rejectsNull("appendHistory", "account", s -> s.appendHistory(null, ev)),
        rejectsNull("appendHistory", "event", s -> s.appendHistory(ACCOUNT, null)),
        rejectsNull("history", "account", s -> s.history(null, 1, 0)),
        rejectsNull("historyStats", "account", s -> s.historyStats(null)),
        rejectsNull("lastRebalance", "account", s -> s.lastRebalance(null)),
        rejectsNull("claimRebalance", "account", s -> s.claimRebalance(null, T0, COOLDOWN)),
        rejectsNull("claimRebalance", "at", s -> s.claimRebalance(ACCOUNT, null, COOLDOWN)),
        rejectsNull("claimRebalance", "cooldown", s -> s.claimRebalance(ACCOUNT, T0, null)),
        rejectsNull("setLastRebalance", "account", s -> s.setLastRebalance(null, T0)),
        rejectsNull("setLastRebalance", "at", s -> s.setLastRebalance(ACCOUNT, null)),
        rejectsNull("putIntent", "account", s -> s.putIntent(null, in)),
        rejectsNull("putIntent", "intent", s -> s.putIntent(ACCOUNT, null)),
        rejectsNull("intent", "account", s -> s.intent(null, "x")),
        rejectsNull("intent", "id", s -> s.intent(ACCOUNT, null)),
        rejectsNull("openIntents", "account", s -> s.openIntents(null)));
  }

  @Test
  @DisplayName("A negative limit, offset or cooldown is an IllegalArgumentException.")
  void clause8_negativeArgumentsAreRejected() {
    assertThatThrownBy(() -> store.history(ACCOUNT, -1, 0), "clause 8: history with limit -1")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> store.history(ACCOUNT, 1, -1), "clause 8: history with offset -1")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset");
    assertThatThrownBy(
            () -> store.claimRebalance(ACCOUNT, T0, Duration.ofSeconds(-1)),
            "clause 8: claimRebalance with a negative cooldown")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cooldown");
    assertThat(store.lastRebalance(ACCOUNT))
        .as("clause 8: a rejected claim must not record a last rebalance")
        .isEmpty();
  }

  @SuppressWarnings("NullAway") // passes null on purpose: the clause is that it is rejected
  @Test
  @DisplayName("A rejected write leaves the previous state intact.")
  void clause8_rejectedWritesChangeNothing() {
    TrackedEntry e = TrackerFixtures.entry("AAPL");
    store.putEntry(ACCOUNT, e);
    store.putLock(ACCOUNT, TrackerFixtures.lock("AAPL"));
    assertThatThrownBy(() -> store.putEntry(ACCOUNT, null), "clause 8: putEntry with a null entry")
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> store.putLock(null, TrackerFixtures.lock("MSFT")),
            "clause 8: putLock with a null account")
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> store.appendHistory(ACCOUNT, null), "clause 8: appendHistory with a null event")
        .isInstanceOf(NullPointerException.class);
    assertThat(store.entries(ACCOUNT))
        .as("clause 8: entries after rejected writes")
        .containsExactly(e);
    assertThat(store.locks(ACCOUNT)).as("clause 8: locks after rejected writes").hasSize(1);
    assertThat(store.historyStats(ACCOUNT).count())
        .as("clause 8: history after a rejected append")
        .isZero();
  }
}
