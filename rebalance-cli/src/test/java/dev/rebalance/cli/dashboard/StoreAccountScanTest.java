package dev.rebalance.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.TrackerStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account picker's scan of a store's accounts, for the stores it can read. */
class StoreAccountScanTest {
  @TempDir Path dir;

  private static void seed(String uri) {
    try (TrackerStore store = TrackerStores.open(uri)) {
      Seed.seed(store);
      store.appendHistory(
          "sim-s42-run1",
          Seed.swap(Seed.NOW, "PEP", "KO", "0.5", "0.9", "150", "60"));
      store.setLastRebalance("paper.2", Instant.parse("2026-03-01T00:00:00Z"));
    }
  }

  @Test
  void sqliteStoresListEveryAccountWithData() {
    String uri = "sqlite:" + dir.resolve("r.db");
    seed(uri);
    assertThat(StoreAccountScan.of(uri).get()).containsExactly("default", "paper.2", "sim-s42-run1");
  }

  @Test
  void jsonStoresListSnapshotJournalAndHistoryAccounts() {
    String uri = "json:" + dir.resolve("state.json");
    seed(uri);
    assertThat(StoreAccountScan.of(uri).get()).containsExactly("default", "paper.2", "sim-s42-run1");
  }

  @Test
  void aMissingStoreListsNothingAndCreatesNothing() throws Exception {
    assertThat(StoreAccountScan.of("sqlite:" + dir.resolve("none.db")).get()).isEmpty();
    assertThat(StoreAccountScan.of("json:" + dir.resolve("none")).get()).isEmpty();
    assertThat(StoreAccountScan.of("postgresql://localhost/x").get()).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
