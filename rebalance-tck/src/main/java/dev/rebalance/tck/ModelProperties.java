package dev.rebalance.tck;

import static dev.rebalance.tck.TrackerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.tck.internal.Op;
import dev.rebalance.tck.internal.StoreModel;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Properties over random operation sequences: each example runs up to 40 random calls (entries,
 * locks, history, claims, intents over two accounts) against a fresh store and against {@link
 * StoreModel}, the simplest reading of the contract, and compares every return value and the final
 * state.
 *
 * <p>If this fails: QuickTheories prints the shortest sequence it found that breaks the store;
 * replay it by hand against your store. The message names the first call whose result differs (and
 * its position), or the part of the final state that differs.
 *
 * <p>Run as {@code TrackerStoreContract.Properties} ("Properties: random operation sequences behave
 * like the model").
 */
abstract class ModelProperties extends ContractClause {

  ModelProperties(TrackerStoreContract contract) {
    super(contract);
  }

  @Test
  @DisplayName(
      "Any sequence of operations returns what the model returns and ends in the model's state.")
  void clauses1to6_randomOperationSequencesMatchTheModel() {
    qt().withExamples(propertyExamples())
        .withShrinkCycles(200)
        .forAll(
            lists()
                .of(
                    integers()
                        .between(0, Op.kinds() - 1)
                        .zip(
                            integers().between(0, 1),
                            integers().between(0, 3),
                            integers().between(0, 240),
                            (k, a, s, m) -> Op.of(k, a, s, m, T0)))
                .ofSizeBetween(1, 40))
        .checkAssert(this::runAgainstModel);
  }

  @Test
  @DisplayName(
      "history(limit, offset) is the model's newest-first slice for any history and any page.")
  void clause4_anyPageMatchesTheModel() {
    qt().withExamples(propertyExamples())
        .forAll(
            lists().of(integers().between(0, 20)).ofSizeBetween(0, 30),
            integers().between(0, 35),
            integers().between(0, 35))
        .checkAssert(
            (minutes, limit, offset) -> {
              try (TrackerStore s = createStore()) {
                StoreModel model = new StoreModel();
                for (int i = 0; i < minutes.size(); i++) {
                  RebalanceEvent e =
                      TrackerFixtures.event(t(minutes.get(i)), "S" + i, "N" + i, "1", "2." + i);
                  s.appendHistory(ACCOUNT, e);
                  model.appendHistory(ACCOUNT, e);
                }
                assertThat(s.history(ACCOUNT, limit, offset))
                    .as(
                        "clause 4: history(limit %d, offset %d) after appending at minutes %s",
                        limit, offset, minutes)
                    .containsExactlyElementsOf(model.history(ACCOUNT, limit, offset));
                assertStatsEqual(
                    s.historyStats(ACCOUNT),
                    model.historyStats(ACCOUNT),
                    "clause 4, minutes " + minutes);
              }
            });
  }

  private void runAgainstModel(List<Op> ops) {
    try (TrackerStore s = createStore()) {
      StoreModel model = new StoreModel();
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        Object expected = op.applyTo(model);
        Object actual = op.applyTo(s);
        assertThat(actual).as("clauses 1-6: call %d of %s: %s", i + 1, ops, op).isEqualTo(expected);
      }
      for (String account : Op.ACCOUNTS) {
        String ctx = "clauses 1-6: final state of " + account + " after " + ops;
        assertThat(s.entries(account)).as("entries, %s", ctx).isEqualTo(model.entries(account));
        assertThat(s.locks(account)).as("locks, %s", ctx).isEqualTo(model.locks(account));
        assertThat(s.history(account, Integer.MAX_VALUE, 0))
            .as("history, %s", ctx)
            .isEqualTo(model.history(account, Integer.MAX_VALUE, 0));
        assertStatsEqual(s.historyStats(account), model.historyStats(account), ctx);
        assertThat(s.lastRebalance(account))
            .as("lastRebalance, %s", ctx)
            .isEqualTo(model.lastRebalance(account));
        assertThat(s.openIntents(account))
            .as("openIntents, %s", ctx)
            .isEqualTo(model.openIntents(account));
        for (String id : model.intentIds(account)) {
          assertThat(s.intent(account, id))
              .as("intent %s, %s", id, ctx)
              .isEqualTo(model.intent(account, id));
        }
      }
      assertThat(listAccounts(s))
          .as("clause 12: accounts() after %s", ops)
          .isEqualTo(model.accounts());
    }
  }
}
