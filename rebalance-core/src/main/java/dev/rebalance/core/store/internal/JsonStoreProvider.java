package dev.rebalance.core.store.internal;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import dev.rebalance.core.store.JsonFileTrackerStore;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
    String path = uri.substring(uri.indexOf(':') + 1);
    if (path.isBlank()) {
      throw new IllegalArgumentException(
          "expected json:PATH with PATH a directory or a .json file, for example json:data/tracker");
    }
    try {
      return JsonFileTrackerStore.open(Path.of(path));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("invalid path '" + path + "': " + e.getMessage(), e);
    }
  }
}
