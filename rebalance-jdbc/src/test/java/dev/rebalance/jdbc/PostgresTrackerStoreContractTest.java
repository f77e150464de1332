package dev.rebalance.jdbc;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.jdbc.internal.PostgresUri;
import dev.rebalance.tck.TrackerStoreContract;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole TrackerStore conformance kit against a real PostgreSQL server (one per test JVM, a
 * fresh schema per store). Stores are opened from a URI, as the CLI does: each instance holds its
 * own connection, so the cross-instance tests race separate database sessions. (The {@link
 * javax.sql.DataSource} path runs the same SQL; {@code PostgresJdbcTrackerStoreTest} covers it.)
 */
class PostgresTrackerStoreContractTest extends TrackerStoreContract {
  private final Map<TrackerStore, String> schemas = new ConcurrentHashMap<>();

  private TrackerStore openFromUri(String schema) {
    String uri = EmbeddedPostgresServer.jdbcUrl(schema) + "&user=postgres";
    JdbcTrackerStore store = JdbcTrackerStore.postgresql(PostgresUri.parse(uri, n -> null));
    schemas.put(store, schema);
    return store;
  }

  @Override
  protected TrackerStore createStore() {
    return openFromUri(EmbeddedPostgresServer.newSchema());
  }

  @Override
  protected Optional<TrackerStore> reopen(TrackerStore closed) {
    return Optional.of(openFromUri(schemas.get(closed)));
  }

  @Override
  protected Optional<TrackerStore> openSecondInstance(TrackerStore first) {
    return Optional.of(openFromUri(schemas.get(first)));
  }

  @Override
  protected int propertyExamples() {
    // Every example creates a schema on the server; 20 keep the class quick and still random.
    return 20;
  }
}
