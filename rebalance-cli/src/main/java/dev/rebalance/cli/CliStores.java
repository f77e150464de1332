package dev.rebalance.cli;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import dev.rebalance.core.store.TrackerStores;
import dev.rebalance.jdbc.PostgresTrackerStoreProvider;
import dev.rebalance.jdbc.SqliteTrackerStoreProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How the command line opens a store URI. The stores it ships with are opened through their
 * providers directly, without the class-path search for service files that cost every command
 * several milliseconds of start-up (BENCHMARKS.md, "CLI start-up"); any other scheme goes through
 * that search, so a provider added to the class path still works and an unknown scheme gets the
 * library's message, which lists the known ones.
 *
 * <p>Stateless and thread-safe.
 */
final class CliStores {
  private CliStores() {}

  /**
   * The stores the command line ships with: core's ({@code memory:}, {@code json:}) and
   * rebalance-jdbc's ({@code sqlite:}, {@code postgresql:} and their {@code jdbc:} forms).
   * CliStoresTest checks that these are exactly the providers the class path's service files list.
   */
  static final List<TrackerStoreProvider> PROVIDERS =
      Stream.concat(
              TrackerStores.coreProviders().stream(),
              Stream.of(new SqliteTrackerStoreProvider(), new PostgresTrackerStoreProvider()))
          .toList();

  private static final Set<String> SCHEMES =
      PROVIDERS.stream()
          .flatMap(p -> p.schemes().stream())
          .map(s -> s.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());

  /**
   * Opens the store {@code uri} names.
   *
   * @param uri the store URI
   * @return the store; the caller closes it
   * @throws dev.rebalance.api.InvalidConfigException if the URI has no scheme or an unknown one
   * @throws dev.rebalance.api.TrackerStoreException if the store cannot be opened
   */
  static TrackerStore open(String uri) {
    return SCHEMES.contains(TrackerStores.schemeOf(uri))
        ? TrackerStores.open(uri, PROVIDERS)
        : TrackerStores.open(uri);
  }

  /**
   * The local file of the store {@code uri} names when that store does not exist yet; empty when it
   * exists or is not kept in a local file. Chooses the provider as {@link #open} does.
   *
   * @param uri the store URI
   * @return the missing store's file, or empty
   * @throws dev.rebalance.api.InvalidConfigException if the URI has no scheme, an unknown one, or
   *     one its provider rejects
   */
  static Optional<Path> absentFile(String uri) {
    return SCHEMES.contains(TrackerStores.schemeOf(uri))
        ? TrackerStores.absentFile(uri, PROVIDERS)
        : TrackerStores.absentFile(uri);
  }
}
