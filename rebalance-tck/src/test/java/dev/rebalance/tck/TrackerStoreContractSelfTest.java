package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the kit, through the JUnit Platform launcher, against a minimal correct store (everything
 * must pass) and against stores that each break one clause (the kit must fail them, with a message
 * that names the clause).
 */
class TrackerStoreContractSelfTest {

  /** What one launched kit did: failures and skips by test, keyed by the method's name. */
  static final class Outcome implements TestExecutionListener {
    final Map<String, String> failures = new ConcurrentHashMap<>();
    final Map<String, String> skipped = new ConcurrentHashMap<>();
    final List<String> passed = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      skipped.put(name(id), reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (!id.isTest()) {
        return;
      }
      switch (result.getStatus()) {
        case SUCCESSFUL:
          passed.add(name(id));
          break;
        case ABORTED:
          skipped.put(name(id), result.getThrowable().map(Throwable::getMessage).orElse(""));
          break;
        default:
          failures.put(
              name(id), result.getThrowable().map(Throwable::getMessage).orElse("(no message)"));
      }
    }

    private static String name(TestIdentifier id) {
      String uid = id.getUniqueId();
      int m = uid.lastIndexOf("[method:");
      if (m < 0) {
        m = uid.lastIndexOf("[test-factory:");
      }
      if (m < 0) {
        m = uid.lastIndexOf("[test-template:");
      }
      String tail = m < 0 ? uid : uid.substring(m);
      return tail.replaceAll("^\\[[a-z-]+:", "").replaceAll("\\(.*", "")
          + " "
          + id.getDisplayName();
    }

    String failuresMentioning(String methodName) {
      StringBuilder sb = new StringBuilder();
      failures.forEach(
          (k, v) -> {
            if (k.startsWith(methodName)) {
              sb.append(k).append(": ").append(v).append('\n');
            }
          });
      return sb.toString();
    }
  }

  private static Outcome run(Class<?> kit) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit)).build();
    Launcher launcher = LauncherFactory.create();
    Outcome outcome = new Outcome();
    launcher.execute(request, outcome);
    return outcome;
  }

  @Test
  @DisplayName(
      "A correct store passes every test of the kit; only the second-instance tests are skipped, with a reason.")
  void correctStorePasses() {
    Outcome o = run(BrokenStores.CorrectKit.class);
    assertThat(o.failures).as("failures of a correct store").isEmpty();
    assertThat(o.passed.size()).as("tests passed by a correct store").isGreaterThan(40);
    assertThat(o.passed)
        .as("durability tests ran")
        .anyMatch(n -> n.startsWith("clause7_everythingSurvivesReopen"));
    assertThat(o.skipped)
        .as("skipped tests and their reasons")
        .isNotEmpty()
        .allSatisfy((name, reason) -> assertThat(reason).contains("openSecondInstance"));
  }

  @Test
  @DisplayName(
      "A claim that reads and writes in two steps fails clause 5's concurrency test, naming clause 5.")
  void nonAtomicClaimFails() {
    Outcome o = run(BrokenStores.NonAtomicClaimKit.class);
    String message = o.failuresMentioning("clause5_claimIsAtomicAcrossThreads");
    assertThat(message)
        .as("failures: %s", o.failures.keySet())
        .contains("clause 5")
        .contains("exactly one claim per window must succeed")
        .containsPattern("window \\d+: [2-9]\\d* successful claims");
  }

  @Test
  @DisplayName("History returned oldest first fails clause 4, naming clause 4 and newest-first.")
  void oldestFirstHistoryFails() {
    Outcome o = run(BrokenStores.OldestFirstHistoryKit.class);
    assertThat(o.failuresMentioning("clause4_historyIsNewestFirst"))
        .contains("clause 4: history must be newest first");
    assertThat(o.failuresMentioning("clauses1to6_randomOperationSequencesMatchTheModel"))
        .as("the model property also catches it")
        .isNotEmpty();
  }

  @Test
  @DisplayName("Locks leaking between accounts fail clause 1, naming the account.")
  void leakyAccountsFail() {
    Outcome o = run(BrokenStores.LeakyAccountsKit.class);
    assertThat(o.failuresMentioning("clause1_locksAreScopedByAccount"))
        .contains("clause 1: locks of Live.2_X-y");
    assertThat(o.failures.keySet()).noneMatch(k -> k.startsWith("clause2_"));
  }

  @Test
  @DisplayName("A store that hides expired locks fails clause 3's expiry test.")
  void droppingExpiredLocksFails() {
    Outcome o = run(BrokenStores.DropsExpiredLocksKit.class);
    assertThat(o.failuresMentioning("clause3_expiredLocksAreStillReturned")).contains("clause 3");
  }

  @Test
  @DisplayName(
      "Open intents ordered by updatedAt instead of createdAt fail clause 6, naming clause 6.")
  void updatedAtOrderedIntentsFail() {
    Outcome o = run(BrokenStores.UpdatedAtOrderIntentsKit.class);
    assertThat(o.failuresMentioning("clause6_openIntentsAreNonTerminalOldestFirst"))
        .contains("clause 6: open intents, oldest createdAt first (not updatedAt)");
    assertThat(o.failures.keySet())
        .as("only clause 6 fails")
        .allMatch(k -> k.startsWith("clause6_"));
  }

  @Test
  @DisplayName(
      "A missing exception fails with a message naming the clause, not AssertJ's bare one.")
  void missingExceptionsNameTheirClause() {
    Outcome o = run(BrokenStores.LaxArgumentsKit.class);
    assertThat(o.failuresMentioning("clause8_negativeArgumentsAreRejected"))
        .contains("clause 8: history with limit -1");
    assertThat(o.failuresMentioning("clause2_entriesListIsAnImmutableSnapshot"))
        .contains("clause 2: entries() must be immutable");
  }

  @Test
  @DisplayName("Listing only the accounts with entries fails clause 12, naming clause 12.")
  void entriesOnlyAccountsFail() {
    Outcome o = run(BrokenStores.EntriesOnlyAccountsKit.class);
    assertThat(o.failuresMentioning("clause12_everyKindOfStateListsItsAccount"))
        .contains("clause 12: accounts() after one kind of write per account");
    assertThat(o.failures.keySet())
        .as("only clause 12 fails (its tests and the model property's clause 12 check)")
        .allMatch(k -> k.startsWith("clause12_") || k.startsWith("clauses1to6_"));
  }

  @Test
  @DisplayName("A store that cannot list its accounts fails clause 12, never passes it silently.")
  void unlistableStoreFails() {
    Outcome o = run(BrokenStores.UnlistableKit.class);
    assertThat(o.failuresMentioning("clause12_aFreshStoreListsNoAccount"))
        .contains("clause 12: accounts() threw java.lang.UnsupportedOperationException");
    assertThat(o.passed).noneMatch(n -> n.startsWith("clause12_"));
  }

  @Test
  @DisplayName("Every failure of every broken store names a clause.")
  void everyFailureNamesAClause() {
    Map<String, String> all = new ConcurrentHashMap<>();
    for (Class<?> kit :
        List.of(
            BrokenStores.NonAtomicClaimKit.class,
            BrokenStores.OldestFirstHistoryKit.class,
            BrokenStores.LeakyAccountsKit.class,
            BrokenStores.DropsExpiredLocksKit.class,
            BrokenStores.UpdatedAtOrderIntentsKit.class,
            BrokenStores.LaxArgumentsKit.class,
            BrokenStores.EntriesOnlyAccountsKit.class,
            BrokenStores.UnlistableKit.class)) {
      run(kit)
          .failures
          .forEach((test, message) -> all.put(kit.getSimpleName() + " " + test, message));
    }
    assertThat(all).as("failures of the broken stores").hasSizeGreaterThan(6);
    assertThat(all).allSatisfy((test, message) -> assertThat(message).as(test).contains("clause"));
  }
}
