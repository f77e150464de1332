package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, friction 13: the README's {@code import} example names a file that ships with the
 * repository, and it imports. (Tests run in the module's folder; the sample is the project's own
 * {@code examples/data/position_tracking.json}.)
 */
class ReadmeSampleTest {
  private static final Path SAMPLE = Path.of("..", "examples", "data", "position_tracking.json");

  @TempDir Path dir;

  @Test
  void theReadmesImportSampleShipsAndImports() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains("import examples/data/position_tracking.json");
    assertThat(SAMPLE).isRegularFile();

    CliRun r =
        CliRun.rebalance("import", SAMPLE.toString(), "--store", "sqlite:" + dir.resolve("r.db"));

    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).contains("entries: 3 imported", "locks:   2 imported", "history: 2 imported");
  }
}
