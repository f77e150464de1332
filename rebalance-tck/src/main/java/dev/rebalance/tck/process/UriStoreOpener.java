package dev.rebalance.tck.process;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Opens a store URI ({@code json:DIR}, {@code sqlite:FILE}, ...) with the {@link
 * TrackerStoreProvider} whose scheme matches: the text before the first {@code ':'}, or {@code
 * jdbc:<subprotocol>} for JDBC URIs. A minimal, API-only mirror of rebalance-core's {@code
 * TrackerStores.open}. Stateless and thread-safe.
 */
public final class UriStoreOpener implements StoreOpener {
  /** For reflective instantiation by the worker. */
  public UriStoreOpener() {}

  @Override
  public TrackerStore open(String uri) {
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("store URI '" + uri + "' has no scheme");
    }
    String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
    if (scheme.equals("jdbc")) {
      scheme =
          "jdbc:" + uri.substring(colon + 1, uri.indexOf(':', colon + 1)).toLowerCase(Locale.ROOT);
    }
    for (TrackerStoreProvider p : ServiceLoader.load(TrackerStoreProvider.class)) {
      if (p.schemes().contains(scheme)) {
        return p.open(uri);
      }
    }
    throw new IllegalArgumentException("no TrackerStoreProvider for scheme '" + scheme + "'");
  }
}
