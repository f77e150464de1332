package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rebalance dashboard} as a command: what it prints, its options, its errors. */
class DashboardCommandTest {
  private static final Pattern PAGE = Pattern.compile("(http://[^\\s#]+/)#token=([A-Za-z0-9_-]{43})");

  @TempDir Path dir;

  record Run(int code, String out, String err, List<String> seen) {}

  /** Runs the command; while it serves, fetches /api/stats from the printed URL. */
  private Run run(String... args) {
    CommandLine cl =
        RebalanceCommand.commandLine(Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> seen = new ArrayList<>();
    DashboardCommand cmd = cl.getSubcommands().get("dashboard").getCommand();
    cmd.await =
        () -> {
          Matcher m = PAGE.matcher(out.toString());
          assertThat(m.find()).as(out.toString()).isTrue();
          try {
            HttpResponse<String> r =
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(m.group(1) + "api/stats")).build(),
                        HttpResponse.BodyHandlers.ofString());
            seen.add(r.statusCode() + " " + r.body());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        };
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString(), seen);
  }

  @Test
  void printsTheUrlWithTheTokenInTheFragmentAndServes() {
    Run r = run("dashboard", "--store", "json:" + dir.resolve("s.json"), "--port", "0", "--cooldown", "30m");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("http://127.0.0.1:").contains("#token=").doesNotContain("?token");
    assertThat(r.err).doesNotContain("warning");
    assertThat(r.seen).hasSize(1);
    assertThat(r.seen.get(0)).startsWith("200 ").contains("\"cooldown\":\"PT30M\"").contains("\"totalRebalances\":0");
  }

  @Test
  void bindingBeyondLoopbackWarns() {
    Run r = run("dashboard", "--store", "json:" + dir.resolve("s.json"), "--port", "0", "--bind", "0.0.0.0");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.err).contains("warning").contains("0.0.0.0");
  }

  @Test
  void badOptionsAreUsageErrorsNamingTheOption() {
    Run r = run("dashboard", "--store", "json:" + dir.resolve("s.json"), "--port", "0", "--cooldown", "soon");
    assertThat(r.code).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("--cooldown").doesNotContain("Exception");
    Run p = run("dashboard", "--store", "json:" + dir.resolve("s.json"), "--port", "70000");
    assertThat(p.code).isEqualTo(ExitCodes.USAGE);
    assertThat(p.err).contains("port");
    assertThat(p.seen).isEmpty();
  }
}
