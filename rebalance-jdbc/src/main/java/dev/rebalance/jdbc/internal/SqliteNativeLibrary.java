package dev.rebalance.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where the SQLite driver's native library is loaded from. Left to itself the xerial driver
 * extracts a fresh copy into {@code java.io.tmpdir} for every JVM ({@code
 * sqlite-VERSION-UUID-libsqlitejdbc.so} plus a {@code .lck}) and deletes it only on a normal exit,
 * so every killed JVM leaves about 1 MB behind, and concurrent starts race in the extraction.
 *
 * <p>Instead, before the driver loads, this class puts one copy per user and driver version under
 * {@code $XDG_CACHE_HOME/rebalance} (default {@code ~/.cache/rebalance}), at {@code
 * sqlite-jdbc-VERSION/OS/ARCH/libsqlitejdbc.so}, and points the driver at it with its documented
 * properties {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}. The copy is written to a
 * temporary file in the same folder and renamed into place, so concurrent processes and threads
 * never see a half-written library; an existing copy is reused when its bytes equal the driver's.
 * If the user set {@code org.sqlite.lib.path} already, or the cache folder cannot be written, the
 * driver's own behaviour is kept.
 *
 * <p>Thread-safe; {@link #prepare()} does its work once per JVM.
 */
public final class SqliteNativeLibrary {
  private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
  private static final String PATH_PROPERTY = "org.sqlite.lib.path";
  private static final String NAME_PROPERTY = "org.sqlite.lib.name";
  private static final Object LOCK = new Object();
  private static volatile boolean prepared;

  private SqliteNativeLibrary() {}

  /** Points the driver at the per-user copy of its library, extracting it once if needed. */
  public static void prepare() {
    if (prepared) {
      return;
    }
    synchronized (LOCK) {
      if (prepared) {
        return;
      }
      prepared = true;
      if (System.getProperty(PATH_PROPERTY) != null) {
        return;
      }
      try {
        Path dir = folder();
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        byte[] library;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
          if (in == null) {
            return; // no bundled library for this platform: the driver reports it
          }
          library = in.readAllBytes();
        }
        Path target = dir.resolve(name);
        if (!sameBytes(target, library)) {
          Files.createDirectories(dir);
          Path tmp = Files.createTempFile(dir, name + ".", ".tmp");
          try {
            Files.write(tmp, library);
            Files.move(
                tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } finally {
            Files.deleteIfExists(tmp);
          }
        }
        System.setProperty(PATH_PROPERTY, dir.toString());
        System.setProperty(NAME_PROPERTY, name);
      } catch (IOException | RuntimeException e) {
        log.atDebug()
            .setMessage("sqlite_native_library_not_cached")
            .addKeyValue("reason", e.toString())
            .log();
      }
    }
  }

  /**
   * The folder the library is kept in for this user, driver version and platform.
   *
   * @return the folder (it may not exist yet)
   */
  public static Path folder() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    String platform =
        LibraryLoaderUtil.getNativeLibResourcePath().replaceFirst("^/org/sqlite/native/", "");
    return cache
        .resolve("rebalance")
        .resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
        .resolve(platform);
  }

  private static boolean sameBytes(Path file, byte[] bytes) throws IOException {
    return Files.isRegularFile(file)
        && Files.size(file) == bytes.length
        && Arrays.equals(Files.readAllBytes(file), bytes);
  }
}
