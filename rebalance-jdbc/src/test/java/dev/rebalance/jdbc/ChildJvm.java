package dev.rebalance.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.util.OSInfo;

/** Starts a test class's {@code main} in a separate JVM with the test class path. */
final class ChildJvm {
  private ChildJvm() {}

  private static Path sqliteLibrary;

  private static synchronized Path nativeSqliteLibrary() throws IOException {
    if (sqliteLibrary == null) {
      String name = System.mapLibraryName("sqlitejdbc");
      String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
      Path dir = Files.createTempDirectory("rebalance-sqlite-native");
      Path target = dir.resolve(name);
      try (InputStream in = ChildJvm.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("no SQLite native library on the class path at " + resource);
        }
        Files.copy(in, target);
      }
      target.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      sqliteLibrary = target;
    }
    return sqliteLibrary;
  }

  static Process start(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Start fast: these children do little work, and 2 shared cores run many of them.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.add("-Xmx64m");
    command.add("-XX:-UsePerfData");
    // Load SQLite's native library from one copy instead of extracting it again in every child.
    Path lib = nativeSqliteLibrary();
    command.add("-Dorg.sqlite.lib.path=" + lib.getParent());
    command.add("-Dorg.sqlite.lib.name=" + lib.getFileName());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
