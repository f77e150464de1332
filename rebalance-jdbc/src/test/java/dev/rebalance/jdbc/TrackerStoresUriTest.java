package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.TrackerStores;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core's URI selection finds this module's providers for every scheme they claim. */
class TrackerStoresUriTest {
  @TempDir Path dir;

  @Test
  void sqliteSchemesOpenJdbcStores() {
    Path file = dir.resolve("data").resolve("rebalance.db");
    try (TrackerStore store = TrackerStores.open("sqlite:" + file)) {
      assertThat(store).isInstanceOf(JdbcTrackerStore.class);
      store.setLastRebalance("acct", Instant.EPOCH);
    }
    try (TrackerStore store = TrackerStores.open("jdbc:sqlite:" + file)) {
      assertThat(store.lastRebalance("acct")).contains(Instant.EPOCH);
    }
    assertThat(TrackerStores.knownSchemes())
        .contains("sqlite", "jdbc:sqlite", "postgresql", "jdbc:postgresql");
  }

  @Test
  void postgresSchemesOpenJdbcStores() {
    String schema = EmbeddedPostgresServer.newSchema();
    String hostPart =
        "localhost:" + EmbeddedPostgresServer.port() + "/postgres?currentSchema=" + schema;
    try (TrackerStore store = TrackerStores.open("postgresql://postgres@" + hostPart)) {
      assertThat(store.toString()).startsWith("PostgreSQL store");
      store.setLastRebalance("acct", Instant.EPOCH);
    }
    try (TrackerStore store =
        TrackerStores.open("jdbc:postgresql://" + hostPart + "&user=postgres")) {
      assertThat(store.lastRebalance("acct")).contains(Instant.EPOCH);
    }
  }
}
