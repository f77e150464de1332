package dev.rebalance.api.spi;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Names a {@link TrackerStore} implementation so it can be chosen from a URI ({@code sqlite:…},
 * {@code json:…}, {@code postgresql://…}) by the CLI or configuration. Found through {@link
 * java.util.ServiceLoader}; selection is by explicit scheme, and an unknown scheme fails rather
 * than falling back to another store.
 *
 * <p>Implementations must be stateless and thread-safe.
 */
public interface TrackerStoreProvider {

  /** The SPI version this build of the API defines. */
  int SPI_VERSION = 1;

  /**
   * The URI schemes this provider opens, lower case, without the colon.
   *
   * @return the schemes, for example {@code ["sqlite"]}
   */
  Set<String> schemes();

  /**
   * The SPI version the provider was written against; must equal {@link #SPI_VERSION}.
   *
   * @return the version
   */
  default int supportedSpiVersion() {
    return SPI_VERSION;
  }

  /**
   * Opens the store the URI names.
   *
   * @param uri a URI whose scheme is one of {@link #schemes()}
   * @return the opened store; the caller closes it
   * @throws dev.rebalance.api.TrackerStoreException if it cannot be opened
   * @throws IllegalArgumentException if the URI is malformed for this provider
   */
  TrackerStore open(String uri);

  /**
   * The local file the store {@code uri} names would be kept in, when it is not there yet: for a
   * tool that must not create a store by reading one (a read-only command given a mistyped path
   * says "no store at FILE" instead) and that says so when it writes a new one. Empty when the
   * store exists, or is not kept in a local file (a database server, memory), which tools open as
   * they are. Looks at the file system only; opens nothing. The default is empty.
   *
   * @param uri a URI whose scheme is one of {@link #schemes()}
   * @return the file of a store that does not exist yet, or empty
   * @throws IllegalArgumentException if the URI is malformed for this provider, as {@link #open}
   *     would say
   */
  default Optional<Path> absentFile(String uri) {
    return Optional.empty();
  }
}
