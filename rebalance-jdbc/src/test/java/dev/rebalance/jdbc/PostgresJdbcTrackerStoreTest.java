package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.jdbc.internal.PostgresUri;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PostgresJdbcTrackerStoreTest extends JdbcStoreBehaviour {
  private String schema;

  @Override
  protected JdbcTrackerStore createStore() {
    schema = EmbeddedPostgresServer.newSchema();
    return reopen();
  }

  @Override
  protected JdbcTrackerStore reopen() {
    return JdbcTrackerStore.create(dataSource());
  }

  @Override
  protected DataSource dataSource() {
    return EmbeddedPostgresServer.dataSource(schema);
  }

  @Test
  void aStoreOpenedFromAUriHoldsOneConnectionAndSharesTheDatabase() {
    JdbcTrackerStore viaDataSource = track(createStore());
    String uri = EmbeddedPostgresServer.jdbcUrl(schema) + "&user=postgres";
    JdbcTrackerStore viaUri =
        track(JdbcTrackerStore.postgresql(PostgresUri.parse(uri, name -> null)));
    viaDataSource.setLastRebalance("acct", T0);
    assertThat(viaUri.lastRebalance("acct")).contains(T0);
    assertThat(viaUri.databaseName()).isEqualTo("PostgreSQL");
    assertThat(viaUri.toString()).startsWith("PostgreSQL store postgresql://postgres@localhost:");
  }
}
