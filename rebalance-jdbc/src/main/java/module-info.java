import dev.rebalance.api.spi.TrackerStoreProvider;
import dev.rebalance.jdbc.PostgresTrackerStoreProvider;
import dev.rebalance.jdbc.SqliteTrackerStoreProvider;

/**
 * Tracker stores on SQLite and PostgreSQL ({@link dev.rebalance.jdbc.JdbcTrackerStore}), also found
 * by {@code sqlite:} and {@code postgresql:} URIs. The {@code internal} package is not exported.
 */
module dev.rebalance.jdbc {
  requires transitive dev.rebalance.api;
  // JdbcTrackerStore.create takes a javax.sql.DataSource.
  requires transitive java.sql;
  requires org.slf4j;
  requires org.xerial.sqlitejdbc;
  // Only through DriverManager; required so that the driver is resolved on the module path (an
  // automatic module is not bound as a service provider).
  requires org.postgresql.jdbc;
  requires static org.immutables.value;
  requires static transitive org.jspecify;

  exports dev.rebalance.jdbc;

  provides TrackerStoreProvider with
      SqliteTrackerStoreProvider,
      PostgresTrackerStoreProvider;
}
