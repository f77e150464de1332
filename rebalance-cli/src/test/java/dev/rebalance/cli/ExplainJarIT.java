package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded {@code target/rebalance.jar} as a separate process, the way a person does: {@code
 * java -jar target/rebalance.jar explain --scenario ...}. Bound to {@code integration-test} by
 * maven-failsafe, after {@code package} built the jar.
 */
class ExplainJarIT {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Path property(String name) {
    String value = System.getProperty(name);
    assertThat(value)
        .as("system property " + name + " (set by the failsafe configuration)")
        .isNotBlank();
    return Path.of(value);
  }

  private Result java(String... args) throws IOException, InterruptedException {
    Path jar = property("rebalance.jar");
    assertThat(jar).as("the shaded jar built by package").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("rebalance.jar did not finish in 120 s: " + command);
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void explainsTheSpecExample() throws Exception {
    Path scenarios = property("rebalance.scenarios");
    Result r = java("explain", "--scenario", scenarios.resolve("01-simple-swap.json").toString());
    String expected = Files.readString(scenarios.resolve("01-simple-swap.expected.json"));
    assertThat(r.err).isEmpty();
    assertThat(r.exit).isZero();
    JsonAssert.assertSameDecision(expected, r.out);
    assertThat(r.out).isEqualTo(expected.strip() + "\n");
  }

  @Test
  void explainsForPeople() throws Exception {
    Path scenarios = property("rebalance.scenarios");
    Result r =
        java(
            "explain",
            "--scenario",
            scenarios.resolve("02-cooldown.json").toString(),
            "--format",
            "text");
    assertThat(r.exit).isZero();
    assertThat(r.out)
        .startsWith("Decision:  HOLD (COOLDOWN)\n")
        .contains("15m remaining (PT15M)")
        .contains("  PEP ");
  }

  @Test
  void invalidScenarioIsOneLineOnStandardErrorAndExitTwo() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file,
        "{\"now\": \"2025-11-25T15:45:00Z\", \"positions\": ["
            + "{\"symbol\": \"PEP\", \"qty\": \"100\", \"score\": 52.1},"
            + "{\"symbol\": \"KO\", \"qty\": \"-5\", \"score\": 40.0}], \"candidates\": []}");
    Result r = java("explain", "--scenario", file.toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.out).isEmpty();
    assertThat(r.err).isEqualTo("error: positions[1].qty must be > 0, was \"-5\"\n");
  }

  @Test
  void version() throws Exception {
    Result r = java("--version");
    assertThat(r.exit).isZero();
    assertThat(r.out).matches("rebalance \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
  }
}
