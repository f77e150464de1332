package dev.rebalance.core.store.internal;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import dev.rebalance.core.store.JsonFileTrackerStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Opens {@code json:PATH} URIs as a {@link JsonFileTrackerStore}: PATH is a directory, or a file
 * path ending in {@code .json}, relative to the working directory unless absolute.
 */
public final class JsonStoreProvider implements TrackerStoreProvider {
  /** For {@link java.util.ServiceLoader}. */
  public JsonStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("json");
  }

  @Override
  public TrackerStore open(String uri) {
    return JsonFileTrackerStore.open(path(uri));
  }

  /**
   * The snapshot file, when neither it nor the journal is there (a store whose snapshot is gone but
   * whose journal holds its changes exists: opening it replays the journal).
   */
  @Override
  public Optional<Path> absentFile(String uri) {
    StoreLayout layout = StoreLayout.of(path(uri));
    return Files.exists(layout.snapshotFile()) || Files.exists(layout.journalFile())
        ? Optional.empty()
        : Optional.of(layout.snapshotFile());
  }

  private static Path path(String uri) {
    String path = uri.substring(uri.indexOf(':') + 1);
    if (path.isBlank()) {
      throw new IllegalArgumentException(
          "expected json:PATH with PATH a directory or a .json file, for example json:data/tracker");
    }
    try {
      return Path.of(path);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("invalid path '" + path + "': " + e.getMessage(), e);
    }
  }
}
