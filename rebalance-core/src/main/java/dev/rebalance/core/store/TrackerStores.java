package dev.rebalance.core.store;

import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import dev.rebalance.core.internal.Slf4jRequirement;
import dev.rebalance.core.store.internal.JsonStoreProvider;
import dev.rebalance.core.store.internal.MemoryStoreProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Opens a {@link TrackerStore} named by a URI, such as {@code json:data/tracker}, {@code
 * sqlite:data/rebalance.db} or {@code postgresql://db/rebalance}. The store is chosen strictly by
 * the URI's scheme — the text before the first {@code ':'}, or {@code jdbc:<subprotocol>} for
 * {@code jdbc:} URIs — among the {@link TrackerStoreProvider}s found by {@link ServiceLoader}. An
 * unknown scheme fails fast; there is never a silent fallback to another store.
 *
 * <p>Built in (rebalance-core): {@code memory:} (a fresh {@link InMemoryTrackerStore}) and {@code
 * json:PATH} (a {@link JsonFileTrackerStore}). The rebalance-jdbc module adds {@code sqlite:},
 * {@code postgresql:}, {@code jdbc:sqlite} and {@code jdbc:postgresql}. Plug in your own by
 * implementing {@link TrackerStoreProvider} and listing it in {@code
 * META-INF/services/dev.rebalance.api.spi.TrackerStoreProvider}; or hand the providers to {@link
 * #open(String, List)}, which searches nothing.
 *
 * <pre>{@code
 * try (TrackerStore store = TrackerStores.open("json:data/tracker")) {
 *   store.locks("default");
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe; providers are looked up on every call.
 */
public final class TrackerStores {
  private TrackerStores() {}

  /**
   * Opens the store {@code uri} names.
   *
   * @param uri the store URI
   * @return the opened store; the caller closes it
   * @throws InvalidConfigException if the URI has no scheme, no provider knows its scheme, the
   *     provider was written for another SPI version, or the provider rejects the URI
   * @throws TrackerStoreException if the store cannot be opened
   */
  public static TrackerStore open(String uri) {
    return open(uri, defaultClassLoader());
  }

  /**
   * Opens the store {@code uri} names, looking providers up in {@code classLoader}.
   *
   * @param uri the store URI
   * @param classLoader where to look for providers
   * @return the opened store; the caller closes it
   * @throws InvalidConfigException as {@link #open(String)}
   * @throws TrackerStoreException if the store cannot be opened
   */
  public static TrackerStore open(String uri, ClassLoader classLoader) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(classLoader, "classLoader");
    Slf4jRequirement.check();
    return openWith(uri, providers(classLoader));
  }

  /**
   * Opens the store {@code uri} names with one of {@code providers}, without searching the class
   * path: for an application that assembles its providers itself, such as a command-line tool that
   * has to start in milliseconds (a class-path search for service files costs several) or an image
   * without service files. The rules are those of {@link #open(String)}: the URI's scheme alone
   * chooses, two providers claiming one scheme are refused, and so is a provider written for
   * another SPI version.
   *
   * <pre>{@code
   * List<TrackerStoreProvider> providers = new ArrayList<>(TrackerStores.coreProviders());
   * providers.add(new SqliteTrackerStoreProvider());
   * try (TrackerStore store = TrackerStores.open("sqlite:data/rebalance.db", providers)) { ... }
   * }</pre>
   *
   * @param uri the store URI
   * @param providers the providers to choose from
   * @return the opened store; the caller closes it
   * @throws InvalidConfigException as {@link #open(String)}, the known schemes being those of
   *     {@code providers}
   * @throws TrackerStoreException if the store cannot be opened
   */
  public static TrackerStore open(String uri, List<? extends TrackerStoreProvider> providers) {
    Objects.requireNonNull(uri, "uri");
    List<TrackerStoreProvider> given = List.copyOf(Objects.requireNonNull(providers, "providers"));
    Slf4jRequirement.check();
    return openWith(uri, index(given.iterator()));
  }

  /**
   * The providers rebalance-core itself holds, new instances: {@code memory:} and {@code json:}.
   *
   * @return the providers, in that order
   */
  public static List<TrackerStoreProvider> coreProviders() {
    return List.of(new MemoryStoreProvider(), new JsonStoreProvider());
  }

  /** The provider of {@code uri}'s scheme among {@code found}, or why there is none. */
  private static TrackerStoreProvider choose(String uri, Providers found) {
    String scheme = schemeOf(uri);
    TrackerStoreProvider provider = found.bySchema.get(scheme);
    if (provider == null) {
      String misfit = found.wrongVersion.get(scheme);
      if (misfit != null) {
        throw new InvalidConfigException(
            "store URI '"
                + redacted(uri)
                + "': the provider for scheme '"
                + scheme
                + "' ("
                + misfit
                + ") was written for another SPI version; this rebalance-api speaks version "
                + TrackerStoreProvider.SPI_VERSION);
      }
      throw new InvalidConfigException(
          "store URI '"
              + redacted(uri)
              + "' has unknown scheme '"
              + scheme
              + "'; known schemes: "
              + String.join(", ", found.bySchema.keySet())
              + (found.bySchema.containsKey("sqlite")
                  ? ""
                  : " (add rebalance-jdbc for sqlite: and postgresql:)"));
    }
    return provider;
  }

  private static TrackerStore openWith(String uri, Providers found) {
    TrackerStoreProvider provider = choose(uri, found);
    try {
      return Objects.requireNonNull(
          provider.open(uri), () -> provider.getClass().getName() + ".open returned null");
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("store URI '" + redacted(uri) + "': " + e.getMessage(), e);
    }
  }

  /**
   * The local file of the store {@code uri} names when that store does not exist yet, as its
   * provider tells ({@link TrackerStoreProvider#absentFile}); empty when it exists or is not kept
   * in a local file. Opens nothing: a tool that only reads calls it first and refuses a missing
   * store rather than creating one.
   *
   * @param uri the store URI
   * @return the missing store's file, or empty
   * @throws InvalidConfigException as {@link #open(String)}
   */
  public static Optional<Path> absentFile(String uri) {
    Objects.requireNonNull(uri, "uri");
    return absentFileWith(uri, providers(defaultClassLoader()));
  }

  /**
   * As {@link #absentFile(String)}, choosing among {@code providers} as {@link #open(String, List)}
   * does.
   *
   * @param uri the store URI
   * @param providers the providers to choose from
   * @return the missing store's file, or empty
   * @throws InvalidConfigException as {@link #open(String, List)}
   */
  public static Optional<Path> absentFile(
      String uri, List<? extends TrackerStoreProvider> providers) {
    Objects.requireNonNull(uri, "uri");
    return absentFileWith(
        uri, index(List.copyOf(Objects.requireNonNull(providers, "providers")).iterator()));
  }

  private static Optional<Path> absentFileWith(String uri, Providers found) {
    TrackerStoreProvider provider = choose(uri, found);
    try {
      return Objects.requireNonNull(
          provider.absentFile(uri),
          () -> provider.getClass().getName() + ".absentFile returned null");
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("store URI '" + redacted(uri) + "': " + e.getMessage(), e);
    }
  }

  /**
   * The schemes the providers on the class path open, sorted.
   *
   * @return the schemes, for example {@code [json, memory, sqlite]}
   */
  public static List<String> knownSchemes() {
    return List.copyOf(providers(defaultClassLoader()).bySchema.keySet());
  }

  /**
   * The scheme of a store URI: the text before the first {@code ':'}, lower case; for {@code jdbc:}
   * URIs, {@code jdbc:} and the sub-protocol ({@code jdbc:postgresql}).
   *
   * @param uri the store URI
   * @return the scheme
   * @throws InvalidConfigException if the URI has no scheme
   */
  public static String schemeOf(String uri) {
    Objects.requireNonNull(uri, "uri");
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      throw new InvalidConfigException(
          "store URI '"
              + redacted(uri)
              + "' has no scheme; expected SCHEME:..., for example json:data/tracker"
              + " or sqlite:data/rebalance.db");
    }
    String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
    if (scheme.equals("jdbc")) {
      int next = uri.indexOf(':', colon + 1);
      if (next <= colon + 1) {
        throw new InvalidConfigException(
            "store URI '"
                + redacted(uri)
                + "' has no JDBC sub-protocol; expected jdbc:SUBPROTOCOL:...");
      }
      scheme = "jdbc:" + uri.substring(colon + 1, next).toLowerCase(Locale.ROOT);
    }
    return scheme;
  }

  private static ClassLoader defaultClassLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : TrackerStores.class.getClassLoader();
  }

  private static final class Providers {
    final Map<String, TrackerStoreProvider> bySchema = new TreeMap<>();
    final Map<String, String> wrongVersion = new TreeMap<>();
  }

  private static Providers providers(ClassLoader classLoader) {
    return index(ServiceLoader.load(TrackerStoreProvider.class, classLoader).iterator());
  }

  /** Indexes providers by scheme; a service file's broken entry is skipped if others load. */
  private static Providers index(Iterator<? extends TrackerStoreProvider> it) {
    Providers found = new Providers();
    List<String> problems = new ArrayList<>();
    while (true) {
      TrackerStoreProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        problems.add(e.getMessage());
        continue;
      }
      for (String s : new TreeSet<>(p.schemes())) {
        String scheme = s.toLowerCase(Locale.ROOT);
        if (p.supportedSpiVersion() != TrackerStoreProvider.SPI_VERSION) {
          found.wrongVersion.put(
              scheme, p.getClass().getName() + ", SPI version " + p.supportedSpiVersion());
          continue;
        }
        TrackerStoreProvider before = found.bySchema.putIfAbsent(scheme, p);
        if (before != null && !before.getClass().getName().equals(p.getClass().getName())) {
          throw new InvalidConfigException(
              "two store providers claim the scheme '"
                  + scheme
                  + "': "
                  + before.getClass().getName()
                  + " and "
                  + p.getClass().getName()
                  + "; remove one from the class path");
        }
      }
    }
    if (found.bySchema.isEmpty() && !problems.isEmpty()) {
      throw new InvalidConfigException("no store provider could be loaded: " + problems);
    }
    return found;
  }

  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?#]*):[^/@?#]*@");
  private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&]password=)[^&#]*");

  /**
   * The URI with any password masked, for messages: {@code postgresql://bot:secret@db/x} becomes
   * {@code postgresql://bot:****@db/x}, and a {@code password=} query parameter likewise.
   *
   * @param uri a store URI
   * @return the URI safe to show
   */
  public static String redacted(String uri) {
    Objects.requireNonNull(uri, "uri");
    String s = USER_INFO_PASSWORD.matcher(uri).replaceAll("$1:****@");
    return QUERY_PASSWORD.matcher(s).replaceAll("$1****");
  }
}
