package dev.rebalance.jdbc;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Opens {@link JdbcTrackerStore#sqlite(Path) SQLite stores} from {@code sqlite:PATH} and {@code
 * jdbc:sqlite:PATH} URIs. {@code PATH} is a file path, relative to the working directory unless
 * absolute ({@code sqlite:data/rebalance.db}, {@code sqlite:/var/lib/bot/rebalance.db}); {@code
 * sqlite:///var/lib/bot/rebalance.db} is read as the absolute path too. Missing parent folders are
 * created.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqliteTrackerStoreProvider implements TrackerStoreProvider {

  /** The default store URI of the CLI and the examples. */
  public static final String DEFAULT_URI = "sqlite:data/rebalance.db";

  /** Creates the provider (ServiceLoader calls this). */
  public SqliteTrackerStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("sqlite", "jdbc:sqlite");
  }

  @Override
  public TrackerStore open(String uri) {
    return JdbcTrackerStore.sqlite(path(uri));
  }

  /** The database file, when there is none yet. */
  @Override
  public Optional<Path> absentFile(String uri) {
    Path file = path(uri);
    return Files.exists(file) ? Optional.empty() : Optional.of(file);
  }

  /**
   * The file a {@code sqlite:} or {@code jdbc:sqlite:} URI names.
   *
   * @param uri the URI
   * @return the path
   * @throws IllegalArgumentException if the URI has another scheme, no path, or an invalid one
   */
  static Path path(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    String rest;
    if (lower.startsWith("jdbc:sqlite:")) {
      rest = uri.substring("jdbc:sqlite:".length());
    } else if (lower.startsWith("sqlite:")) {
      rest = uri.substring("sqlite:".length());
    } else {
      throw new IllegalArgumentException(
          "an SQLite store URI starts with sqlite: or jdbc:sqlite:, was '" + uri + "'");
    }
    if (rest.startsWith("///")) {
      rest = rest.substring(2);
    } else if (rest.startsWith("//")) {
      throw new IllegalArgumentException(
          "an SQLite store URI names a file, as in sqlite:data/rebalance.db or"
              + " sqlite:///var/lib/rebalance.db, was '"
              + uri
              + "'");
    }
    if (rest.isBlank() || rest.startsWith(":memory:") || rest.contains("?")) {
      throw new IllegalArgumentException(
          "an SQLite store URI needs a file path (no :memory:, no query parameters), as in "
              + DEFAULT_URI
              + ", was '"
              + uri
              + "'");
    }
    try {
      return Path.of(rest);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "invalid file path in SQLite store URI '" + uri + "': " + e.getMessage(), e);
    }
  }
}
