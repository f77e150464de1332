package dev.rebalance.jdbc;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import dev.rebalance.jdbc.internal.PostgresUri;
import java.util.Set;
import java.util.function.Function;

/**
 * Opens PostgreSQL stores from {@code postgresql://[user[:password]@]host[:port]/database[?params]}
 * (also {@code postgres://}) and pgjdbc's own {@code
 * jdbc:postgresql://host[:port]/database[?user=..&password=..]}. The user and password come from
 * the URI (user info, or the {@code user} and {@code password} query parameters), else from the
 * environment variables {@code PGUSER} and {@code PGPASSWORD}; other query parameters ({@code
 * sslmode}, {@code currentSchema}, ...) go to the driver. The password is never logged or put into
 * a message.
 *
 * <p>The store holds one connection, reopened if it breaks. For a pool, open the store with {@link
 * JdbcTrackerStore#create(javax.sql.DataSource)} instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresTrackerStoreProvider implements TrackerStoreProvider {
  private final Function<String, String> env;

  /** Creates the provider (ServiceLoader calls this); it reads the process environment. */
  public PostgresTrackerStoreProvider() {
    this(System::getenv);
  }

  PostgresTrackerStoreProvider(Function<String, String> env) {
    this.env = env;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("postgresql", "postgres", "jdbc:postgresql");
  }

  @Override
  public TrackerStore open(String uri) {
    return JdbcTrackerStore.postgresql(PostgresUri.parse(uri, env));
  }
}
