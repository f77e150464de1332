package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import dev.rebalance.jdbc.internal.PostgresUri;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersTest {
  @TempDir Path dir;

  @Test
  void serviceLoaderFindsBothProvidersWithTheirSchemes() {
    Set<String> schemes = new HashSet<>();
    for (TrackerStoreProvider p : ServiceLoader.load(TrackerStoreProvider.class)) {
      assertThat(p.supportedSpiVersion()).isEqualTo(TrackerStoreProvider.SPI_VERSION);
      schemes.addAll(p.schemes());
    }
    assertThat(schemes).contains("sqlite", "jdbc:sqlite", "postgresql", "jdbc:postgresql");
  }

  @Test
  void sqliteUrisNameAFile() {
    assertThat(SqliteTrackerStoreProvider.path("sqlite:data/rebalance.db"))
        .isEqualTo(Path.of("data/rebalance.db"));
    assertThat(SqliteTrackerStoreProvider.path("jdbc:sqlite:/var/lib/x.db"))
        .isEqualTo(Path.of("/var/lib/x.db"));
    assertThat(SqliteTrackerStoreProvider.path("sqlite:///var/lib/x.db"))
        .isEqualTo(Path.of("/var/lib/x.db"));
    assertThat(SqliteTrackerStoreProvider.path(SqliteTrackerStoreProvider.DEFAULT_URI))
        .isEqualTo(Path.of("data", "rebalance.db"));
    for (String bad : new String[] {"sqlite:", "sqlite::memory:", "sqlite://host/x.db", "json:x"}) {
      assertThatThrownBy(() -> SqliteTrackerStoreProvider.path(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
  }

  @Test
  void anSqliteFileThatIsNotThereIsTheAbsentFileAndNothingIsCreated() throws Exception {
    SqliteTrackerStoreProvider p = new SqliteTrackerStoreProvider();
    Path file = dir.resolve("sub/s.db");
    assertThat(p.absentFile("sqlite:" + file)).contains(file);
    assertThat(dir.resolve("sub")).doesNotExist();
    p.open("sqlite:" + file).close();
    assertThat(p.absentFile("jdbc:sqlite:" + file)).isEmpty();
    assertThat(new PostgresTrackerStoreProvider().absentFile("postgresql://h/db")).isEmpty();
    assertThatThrownBy(() -> p.absentFile("sqlite::memory:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a file path");
  }

  @Test
  void bothSqliteSchemesOpenTheSameFile() {
    Path file = dir.resolve("sub").resolve("r.db");
    SqliteTrackerStoreProvider provider = new SqliteTrackerStoreProvider();
    try (TrackerStore a = provider.open("sqlite:" + file)) {
      a.setLastRebalance("acct", Instant.EPOCH);
    }
    try (TrackerStore b = provider.open("jdbc:sqlite:" + file)) {
      assertThat(b.lastRebalance("acct")).contains(Instant.EPOCH);
    }
  }

  @Test
  void postgresUrisTakeCredentialsFromUserInfoQueryOrEnvironment() {
    PostgresUri info =
        PostgresUri.parse(
            "postgresql://bot:p%40ss+w:rd@db.example:6543/rebalance?sslmode=require", n -> null);
    assertThat(info.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example:6543/rebalance?sslmode=require");
    assertThat(info.user()).contains("bot");
    assertThat(info.password()).contains("p@ss+w:rd");
    assertThat(info.display()).isEqualTo("postgresql://bot@db.example:6543/rebalance");

    PostgresUri query =
        PostgresUri.parse(
            "jdbc:postgresql://h/db?user=u&password=secret&currentSchema=s", n -> null);
    assertThat(query.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?currentSchema=s");
    assertThat(query.user()).contains("u");
    assertThat(query.password()).contains("secret");
    assertThat(query.display()).doesNotContain("secret");

    Map<String, String> env = Map.of("PGUSER", "envuser", "PGPASSWORD", "envpass");
    PostgresUri fromEnv = PostgresUri.parse("postgres://h:5432/db", env::get);
    assertThat(fromEnv.user()).contains("envuser");
    assertThat(fromEnv.password()).contains("envpass");
    assertThat(fromEnv.toString()).doesNotContain("envpass");

    PostgresUri uriWins = PostgresUri.parse("postgresql://me:mine@h/db", env::get);
    assertThat(uriWins.user()).contains("me");
    assertThat(uriWins.password()).contains("mine");

    assertThatThrownBy(() -> PostgresUri.parse("postgresql://u:hidden@/db", n -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a host")
        .hasMessageNotContaining("hidden");
  }

  @Test
  void redactionRemovesPasswords() {
    assertThat(PostgresUri.redact("postgresql://u:topsecret@h/db"))
        .isEqualTo("postgresql://u:****@h/db");
    assertThat(PostgresUri.redact("jdbc:postgresql://h/db?user=u&password=topsecret&x=1"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=****&x=1");
  }

  @Test
  void postgresProviderOpensARealServerFromAUri() {
    String schema = EmbeddedPostgresServer.newSchema();
    int port = EmbeddedPostgresServer.port();
    PostgresTrackerStoreProvider provider = new PostgresTrackerStoreProvider(n -> null);
    try (TrackerStore a =
        provider.open(
            "postgresql://postgres:ignored@localhost:"
                + port
                + "/postgres?currentSchema="
                + schema)) {
      a.setLastRebalance("acct", Instant.EPOCH);
    }
    try (TrackerStore b =
        provider.open(
            "jdbc:postgresql://localhost:"
                + port
                + "/postgres?currentSchema="
                + schema
                + "&user=postgres")) {
      assertThat(b.lastRebalance("acct")).contains(Instant.EPOCH);
    }
  }

  @Test
  void aPostgresStoreThatCannotConnectFailsWithoutShowingThePassword() {
    PostgresTrackerStoreProvider provider = new PostgresTrackerStoreProvider(n -> null);
    assertThatThrownBy(() -> provider.open("postgresql://u:s3cr3t-pw@127.0.0.1:1/db"))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageStartingWith("PostgreSQL store postgresql://u@127.0.0.1:1/db: open failed")
        .hasMessageNotContaining("s3cr3t-pw");
  }
}
