package dev.rebalance.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.store.TrackerStores;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the lock endpoint: overflowing and invalid values, duplicate fields, symbols the one
 * symbol rule ({@code Identifiers}) refuses. Always a 400 naming the field, never a 500, and
 * nothing is written.
 */
class DashboardBadInputTest {
  @TempDir Path dir;
  private TrackerStore store;
  private DashboardServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  record Res(int status, String error, String connection) {}

  @BeforeEach
  void start() {
    store = TrackerStores.open("json:" + dir.resolve("state.json"));
    Seed.seed(store);
    server =
        DashboardServer.builder()
            .store(store)
            .account(Seed.ACCOUNT)
            .clock(new Seed.MovingClock())
            .port(0)
            .token(Seed.TOKEN)
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private Res post(String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Seed.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode json = RebalanceJson.json().readTree(r.body());
    return new Res(
        r.statusCode(),
        json.path("error").asText(""),
        r.headers().firstValue("connection").orElse(""));
  }

  private List<PositionLock> locks() {
    return store.locks(Seed.ACCOUNT);
  }

  @Test
  void overflowingUntilIs400NamingTheField() throws Exception {
    List<PositionLock> before = locks();
    for (String until :
        List.of(
            "PT9223372036854775807S",
            "P106751991167300D",
            "-PT9223372036854775807S",
            "PT2562047788015215H",
            "9999999999999999999d",
            "+1000000000-01-01T00:00:00Z")) {
      Res r = post("/api/locks/AAPL", "{\"until\":\"" + until + "\"}");
      assertThat(r.status).as(until).isEqualTo(400);
      assertThat(r.error).as(until).startsWith("until ");
    }
    assertThat(locks()).isEqualTo(before);
  }

  @Test
  void duplicateFieldsAreRefused() throws Exception {
    Res r = post("/api/locks/AAPL", "{\"until\":\"2h\",\"until\":\"PT9223372036854775807S\"}");
    assertThat(r.status).isEqualTo(400);
    assertThat(r.error).contains("until").contains("twice");
    Res reason = post("/api/locks/AAPL", "{\"reason\":\"a\",\"reason\":\"b\"}");
    assertThat(reason.status).isEqualTo(400);
    assertThat(reason.error).contains("reason");
    assertThat(locks()).extracting(PositionLock::symbol).doesNotContain("AAPL");
  }

  @Test
  void trailingContentAndBadTypesAre400() throws Exception {
    assertThat(post("/api/locks/AAPL", "{} {}").status).isEqualTo(400);
    assertThat(post("/api/locks/AAPL", "{\"until\": 7}").error).contains("until must be a string");
    assertThat(post("/api/locks/AAPL", "{\"reason\":\"a\\nFAKE LINE\"}").error)
        .contains("reason must not contain control characters");
    // Over the cap: a 413, or (when the server closes before the client has sent it all) the
    // connection closed without an answer; either way nothing is written.
    try {
      assertThat(post("/api/locks/AAPL", "x".repeat(RequestBody.MAX_BYTES + 1)).status)
          .isEqualTo(413);
    } catch (java.io.IOException closedEarly) {
      assertThat(closedEarly).hasMessageContaining("header parser received no bytes");
    }
    assertThat(locks()).extracting(PositionLock::symbol).doesNotContain("AAPL");
  }

  @Test
  void symbolsFollowTheOneSymbolRule() throws Exception {
    // Accepted by the rule (upper-cased first): the same symbols the CLI accepts.
    assertThat(post("/api/locks/brk.b", "{}").status).isEqualTo(200);
    assertThat(post("/api/locks/BF-B", "{}").status).isEqualTo(200);
    // Refused: the message is Identifiers' and names the field.
    // A control character in the path is refused before routing, still as a JSON 400.
    for (String control : List.of("A%0AB", "%1B%5B31m")) {
      Res r = post("/api/locks/" + control, "{}");
      assertThat(r.status).as(control).isEqualTo(400);
      assertThat(r.error).as(control).contains("HTTP 400");
      // Jetty drops the connection after such a refusal: the reply says so, so no client reuses it.
      assertThat(r.connection).as(control).isEqualToIgnoringCase("close");
    }
    for (String bad : List.of("%24%24%24", "bad%20sym!", "A".repeat(21), "-X")) {
      Res r = post("/api/locks/" + bad, "{}");
      assertThat(r.status).as(bad).isEqualTo(400);
      assertThat(r.error).as(bad).startsWith("symbol must be 1 to 20 characters");
    }
    assertThat(locks())
        .extracting(PositionLock::symbol)
        .containsExactlyInAnyOrder("MSFT", "BRK.B", "BF-B");
  }
}
