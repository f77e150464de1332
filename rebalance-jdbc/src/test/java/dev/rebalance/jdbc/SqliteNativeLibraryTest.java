package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.PositionLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 8: killed JVMs leave no copy of SQLite's native library in the temporary folder;
 * one copy per user and driver version is extracted once, safely when processes start together, and
 * the driver prints nothing.
 */
class SqliteNativeLibraryTest {
  @TempDir Path dir;

  /** Opens a store, writes, says "ok" and halts without shutdown hooks, as a killed JVM would. */
  public static final class Probe {
    public static void main(String[] args) {
      try (JdbcTrackerStore s = JdbcTrackerStore.sqlite(Path.of(args[0]))) {
        s.putLock(
            "acct", PositionLock.builder().symbol("P" + args[1]).lockedAt(Instant.EPOCH).build());
      }
      System.out.println("ok");
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }
  }

  @Test
  @DisplayName(
      "Four JVMs started together and halted: nothing in java.io.tmpdir, one library in the user's cache")
  void haltedJvmsLeaveNoLibraryInTmp() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path home = Files.createDirectories(dir.resolve("home"));
    Path db = dir.resolve("rebalance.db");
    List<Process> processes = new ArrayList<>();
    List<Path> errors = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Path err = dir.resolve("err-" + i + ".txt");
      errors.add(err);
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              "-Djava.io.tmpdir=" + tmp,
              "-Duser.home=" + home,
              Probe.class.getName(),
              db.toString(),
              Integer.toString(i));
      pb.environment().remove("XDG_CACHE_HOME");
      pb.redirectError(err.toFile());
      pb.redirectOutput(dir.resolve("out-" + i + ".txt").toFile());
      processes.add(pb.start());
    }
    for (int i = 0; i < processes.size(); i++) {
      assertThat(processes.get(i).waitFor(120, TimeUnit.SECONDS)).as("process %d ends", i).isTrue();
      assertThat(Files.readString(dir.resolve("out-" + i + ".txt")).strip())
          .as("process %d", i)
          .isEqualTo("ok");
      assertThat(Files.readString(errors.get(i), StandardCharsets.UTF_8))
          .as("process %d printed nothing on stderr", i)
          .doesNotContain("Exception")
          .doesNotContain("sqlite");
    }
    assertThat(names(tmp))
        .as("java.io.tmpdir after four halted JVMs")
        .noneMatch(n -> n.contains("sqlite"));
    assertThat(names(home))
        .as("the user's cache")
        .filteredOn(
            n -> n.endsWith("libsqlitejdbc.so") || n.endsWith(".dylib") || n.endsWith(".dll"))
        .hasSize(1);
    assertThat(names(home)).as("no temporary files left").noneMatch(n -> n.endsWith(".tmp"));
  }

  private static List<String> names(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
    }
  }
}
