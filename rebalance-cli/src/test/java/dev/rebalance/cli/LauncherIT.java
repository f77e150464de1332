package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code target/rebalance-VERSION/bin/rebalance}, the launcher {@code package} builds, as a
 * person does (issue 15, start-up): it answers, uses its CDS archive, never creates a store for a
 * read-only command, and an installation moved elsewhere prepares its own archive once.
 */
class LauncherIT {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Path dist() {
    String value = System.getProperty("rebalance.dist");
    assertThat(value)
        .as("system property rebalance.dist (set by the failsafe configuration)")
        .isNotBlank();
    return Path.of(value);
  }

  private Result run(Path home, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/rebalance").toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder b =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    b.environment().put("JAVA_HOME", System.getProperty("java.home"));
    b.environment().put("REBALANCE_CDS_DIR", dir.resolve("cds").toString());
    b.environment().putAll(env);
    Process p = b.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bin/rebalance did not finish in 120 s: " + command);
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theLauncherRunsCommandsWithItsArchive() throws Exception {
    Path home = dist();
    assertThat(home.resolve("lib/rebalance.jsa")).isRegularFile();
    assertThat(home.resolve("lib/rebalance.jar")).isRegularFile();

    Result help = run(home, Map.of(), "locked", "--help");
    assertThat(help.exit()).as(help.err()).isZero();
    assertThat(help.out()).contains("Usage: rebalance locked");
    assertThat(help.err()).isEmpty();

    String store = "sqlite:" + dir.resolve("data/rebalance.db");
    Result missing = run(home, Map.of(), "locked", "--store", store);
    assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("no store at");
    assertThat(dir.resolve("data")).doesNotExist();

    assertThat(run(home, Map.of(), "lock", "AAPL", "--store", store).exit()).isZero();
    Result locked = run(home, Map.of(), "locked", "--json", "--store", store);
    assertThat(locked.exit()).as(locked.err()).isZero();
    assertThat(locked.out()).contains("\"symbol\" : \"AAPL\"");
    assertThat(locked.err()).isEmpty();
    // The build's archive fits the build's directory: nothing is prepared in the cache.
    assertThat(dir.resolve("cds")).doesNotExist();
  }

  @Test
  void aMovedInstallationPreparesItsArchiveOnce() throws Exception {
    Path home = dir.resolve("installed");
    copy(dist(), home);
    Files.delete(home.resolve("lib/rebalance.jsa"));
    Files.delete(home.resolve("lib/rebalance.jsa.path"));

    Result first = run(home, Map.of(), "--version");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.err()).contains("preparing fast start-up");
    try (Stream<Path> files = Files.list(dir.resolve("cds"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".jsa"))).hasSize(1);
    }
    Result second = run(home, Map.of(), "--version");
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains("rebalance ");
    assertThat(second.err()).isEmpty();
  }

  /** The JVM's log of native libraries loaded, from {@code -Xlog:library}. */
  private String libraryLog(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  @Test
  void sqliteLoadsTheShippedLibraryAndExtractsNothing() throws Exception {
    Path home = dist();
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path log = dir.resolve("library.log");
    Map<String, String> env =
        Map.of(
            "REBALANCE_JAVA_OPTS",
            "-Djava.io.tmpdir=" + tmp + " -Xlog:library=info:file=" + log,
            "XDG_CACHE_HOME",
            dir.resolve("cache").toString());
    String store = "sqlite:" + dir.resolve("rebalance.db");
    assertThat(run(home, Map.of(), "lock", "AAPL", "--store", store).exit()).isZero();
    Result locked = run(home, env, "locked", "--store", store);
    assertThat(locked.exit()).as(locked.err()).isZero();
    assertThat(locked.out()).contains("AAPL");
    assertThat(libraryLog(log))
        .containsPattern(
            "Loaded library "
                + Pattern.quote(home.resolve("lib/native").toString())
                + "/[^ ]+/libsqlitejdbc\\.");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).as("nothing extracted into java.io.tmpdir").isEmpty();
    }
    assertThat(dir.resolve("cache")).as("nothing extracted into the cache").doesNotExist();
  }

  @Test
  void aShippedLibraryThatDoesNotLoadFallsBackToTheDriversOwnCopy() throws Exception {
    Path home = dir.resolve("installed");
    copy(dist(), home);
    try (Stream<Path> libs = Files.walk(home.resolve("lib/native"))) {
      for (Path lib : (Iterable<Path>) libs.filter(Files::isRegularFile)::iterator) {
        Files.writeString(lib, "not a library");
      }
    }
    String store = "sqlite:" + dir.resolve("rebalance.db");
    Result lock = run(home, Map.of(), "lock", "AAPL", "--store", store);
    assertThat(lock.exit()).as(lock.err()).isZero();
    Result locked = run(home, Map.of(), "locked", "--store", store);
    assertThat(locked.exit()).as(locked.err()).isZero();
    assertThat(locked.out()).contains("AAPL");
  }

  @Test
  void aDamagedStoreIsRefusedThroughTheLauncher() throws Exception {
    Path home = dist();
    Path file = dir.resolve("rebalance.db");
    String store = "sqlite:" + file;
    assertThat(run(home, Map.of(), "lock", "AAPL", "--store", store).exit()).isZero();
    byte[] junk = new byte[4096];
    new Random(42).nextBytes(junk);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.write(junk);
    }
    byte[] damaged = Files.readAllBytes(file);
    for (String command : List.of("locked", "list")) {
      Result r = run(home, Map.of(), command, "--store", store);
      assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(r.err()).as(command).contains("the database file is damaged");
      assertThat(r.out()).as(command).isEmpty();
    }
    assertThat(Files.readAllBytes(file)).as("the file is untouched").isEqualTo(damaged);
  }

  /**
   * The launcher asks for one compiler thread, which the JVM refuses with its full tiered compiler:
   * options that ask for that compiler still start.
   */
  @Test
  void javaOptionsThatAskForTheFullCompilerStillStart() throws Exception {
    Path home = dist();
    for (String opts :
        List.of(
            "-XX:TieredStopAtLevel=4",
            "-XX:+TieredCompilation -XX:TieredStopAtLevel=4",
            "-XX:CICompilerCount=2")) {
      Result r = run(home, Map.of("REBALANCE_JAVA_OPTS", opts), "--version");
      assertThat(r.exit()).as(opts + ": " + r.err()).isZero();
      assertThat(r.out()).as(opts).contains("rebalance ");
    }
  }

  /** The command line's own log provider starts through the launcher, quietly, at any level. */
  @Test
  void theLogLevelIsTakenFromTheEnvironmentAndABadOneIsNamed() throws Exception {
    Path home = dist();
    String store = "sqlite:" + dir.resolve("rebalance.db");
    Result info =
        run(home, Map.of("REBALANCE_LOG_LEVEL", "INFO"), "lock", "AAPL", "--store", store);
    assertThat(info.exit()).as(info.err()).isZero();
    assertThat(info.err())
        .containsPattern(
            "(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO Migrations -"
                + " tracker_store_migrated store=\"SQLite store [^\"]+\" from_version=0 to_version=\\d+$")
        .doesNotContain("SLF4J");
    Result quiet = run(home, Map.of(), "locked", "--store", store);
    assertThat(quiet.err()).isEmpty();
    Result bad = run(home, Map.of("REBALANCE_LOG_LEVEL", "loud"), "locked", "--store", store);
    assertThat(bad.exit()).isZero();
    assertThat(bad.out()).contains("AAPL");
    assertThat(bad.err())
        .isEqualTo(
            "rebalance: REBALANCE_LOG_LEVEL=loud is not a log level (expected error, warn,"
                + " info, debug, trace or off); using warn"
                + System.lineSeparator());
  }

  /** The JRE's locale tables (Main.preferCompatLocaleData) change nothing a command prints. */
  @Test
  void theLocaleDataTheLauncherPrefersChangesNoOutput() throws Exception {
    Path home = dist();
    String store = "sqlite:" + dir.resolve("rebalance.db");
    assertThat(run(home, Map.of(), "lock", "AAPL", "--reason", "r", "--store", store).exit())
        .isZero();
    Path scenario = CliRun.scenarios().resolve("10-cost-gate.json");
    List<List<String>> lines =
        List.of(
            List.of("locked", "--all", "--zone", "America/New_York", "--store", store),
            List.of("list", "--store", store),
            List.of("stats", "--store", store),
            List.of("explain", "--scenario", scenario.toString(), "--format", "text"),
            List.of("explain", "--scenario", scenario.toString()));
    for (List<String> line : lines) {
      String[] args = line.toArray(String[]::new);
      Result preferred = run(home, Map.of(), args);
      Result cldr = run(home, Map.of("REBALANCE_JAVA_OPTS", "-Djava.locale.providers=CLDR"), args);
      assertThat(preferred.exit()).as(line + ": " + preferred.err()).isZero();
      assertThat(preferred).as(line.toString()).isEqualTo(cldr);
    }
  }

  @Test
  void theDistributionArchivesHoldTheLauncherAndTheJar() {
    Path target = dist().getParent();
    String name = dist().getFileName().toString();
    assertThat(target.resolve(name + "-dist.tar.gz")).isRegularFile();
    assertThat(target.resolve(name + "-dist.zip")).isRegularFile();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Files.setPosixFilePermissions(home(to), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Path home(Path to) {
    return to.resolve("bin/rebalance");
  }
}
