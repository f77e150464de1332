package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.store.TrackerStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code rebalance accounts}, the empty-account hint and the dashboard's account picker over a
 * {@code postgresql://} store, which the CLI cannot read as files: everything goes through {@code
 * TrackerStore.accounts()}.
 */
class PostgresStoreAccountsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC);
  private static final Pattern PAGE = Pattern.compile("(http://[^\\s#]+/)#token=");
  private static int schemas;

  private static EmbeddedPostgres server;
  private String store;

  @BeforeAll
  static void startPostgres() throws IOException {
    server = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    server.close();
  }

  @BeforeEach
  void freshSchema() throws SQLException {
    String schema = "cli" + ++schemas;
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    store =
        "postgresql://postgres@localhost:" + server.getPort() + "/postgres?currentSchema=" + schema;
  }

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    int code =
        Main.run(new PrintWriter(out), new PrintWriter(err), CLOCK, all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void accountsListsAPostgresStoresAccountsWithTheirFigures() throws IOException {
    assertThat(run("lock", "AAPL", "--account", "sim-s42-run1").code()).isZero();
    assertThat(run("lock", "MSFT", "--account", "sim-s42-run1").code()).isZero();
    assertThat(run("lock", "TSLA", "--account", "paper").code()).isZero();
    try (TrackerStore s = TrackerStores.open(store)) {
      s.setLastRebalance("swaps-only", Instant.parse("2026-03-01T15:00:00Z"));
    }

    Result table = run("accounts");
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out())
        .contains("ACCOUNT", "LAST ACTIVITY", "paper", "sim-s42-run1", "swaps-only")
        .contains("2026-03-01 15:00:00 UTC");
    JsonNode json = RebalanceJson.json().readTree(run("accounts", "--json").out());
    assertThat(json)
        .extracting(n -> n.get("account").asText())
        .containsExactly("paper", "sim-s42-run1", "swaps-only");
    assertThat(json.get(1).get("locks").asInt()).isEqualTo(2);
    assertThat(json.get(2).get("lastActivity").asText()).isEqualTo("2026-03-01T15:00:00Z");

    Result empty = run("locked");
    assertThat(empty.code()).as(empty.err()).isZero();
    assertThat(empty.out()).contains("paper", "sim-s42-run1", "--account");
  }

  @Test
  void theDashboardsPickerListsAPostgresStoresAccounts() {
    run("lock", "AAPL", "--account", "sim-s42-run1");
    CommandLine cl = RebalanceCommand.commandLine(CLOCK, Map.of());
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    List<String> seen = new ArrayList<>();
    DashboardCommand cmd = cl.getSubcommands().get("dashboard").getCommand();
    cmd.await =
        () -> {
          Matcher m = PAGE.matcher(out.toString());
          assertThat(m.find()).as(out.toString()).isTrue();
          try {
            seen.add(
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(m.group(1) + "api/accounts")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
          } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
          }
        };
    assertThat(cl.execute("dashboard", "--store", store, "--port", "0")).isZero();
    assertThat(seen)
        .singleElement()
        .asString()
        .contains("\"current\":\"default\"")
        .contains("\"account\":\"sim-s42-run1\"");
  }
}
