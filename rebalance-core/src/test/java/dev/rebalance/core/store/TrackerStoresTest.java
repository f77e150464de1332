package dev.rebalance.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerStoresTest {

  @Test
  @DisplayName("The scheme is the text before the first colon, or jdbc:<subprotocol>.")
  void schemeOf() {
    assertThat(TrackerStores.schemeOf("json:data/x")).isEqualTo("json");
    assertThat(TrackerStores.schemeOf("SQLite:data/x.db")).isEqualTo("sqlite");
    assertThat(TrackerStores.schemeOf("postgresql://h/db")).isEqualTo("postgresql");
    assertThat(TrackerStores.schemeOf("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql");
    assertThat(TrackerStores.schemeOf("jdbc:sqlite:x.db")).isEqualTo("jdbc:sqlite");
    assertThatThrownBy(() -> TrackerStores.schemeOf("data/x.json"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("has no scheme");
    assertThatThrownBy(() -> TrackerStores.schemeOf("jdbc:"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("sub-protocol");
  }

  @Test
  @DisplayName("memory: opens a fresh in-memory store each time.")
  void opensMemory() {
    try (TrackerStore a = TrackerStores.open("memory:");
        TrackerStore b = TrackerStores.open("memory:test")) {
      assertThat(a).isInstanceOf(InMemoryTrackerStore.class);
      assertThat(a).isNotSameAs(b);
    }
  }

  @Test
  @DisplayName("json:PATH opens a JSON file store at PATH; json: without a path is invalid.")
  void opensJson(@TempDir Path dir) {
    try (TrackerStore s = TrackerStores.open("json:" + dir.resolve("tracker"))) {
      assertThat(s).isInstanceOf(JsonFileTrackerStore.class);
      assertThat(((JsonFileTrackerStore) s).directory()).isEqualTo(dir.resolve("tracker"));
    }
    try (TrackerStore s = TrackerStores.open("json:" + dir.resolve("positions.json"))) {
      assertThat(((JsonFileTrackerStore) s).snapshotFile())
          .isEqualTo(dir.resolve("positions.json"));
    }
    assertThatThrownBy(() -> TrackerStores.open("json:"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("json:PATH");
  }

  @Test
  @DisplayName("An unknown scheme fails fast and lists the known schemes.")
  void unknownSchemeFails() {
    assertThatThrownBy(() -> TrackerStores.open("mongodb://localhost/x"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown scheme 'mongodb'")
        .hasMessageContaining("known schemes: json, memory");
    assertThat(TrackerStores.knownSchemes()).contains("json", "memory");
  }

  /** A provider written against a future SPI. */
  public static final class FutureProvider implements TrackerStoreProvider {
    @Override
    public Set<String> schemes() {
      return Set.of("future");
    }

    @Override
    public int supportedSpiVersion() {
      return SPI_VERSION + 1;
    }

    @Override
    public TrackerStore open(String uri) {
      throw new AssertionError("must not be opened");
    }
  }

  /** A provider that rejects its URI. */
  public static final class PickyProvider implements TrackerStoreProvider {
    @Override
    public Set<String> schemes() {
      return Set.of("picky");
    }

    @Override
    public TrackerStore open(String uri) {
      throw new IllegalArgumentException("path must not be empty");
    }
  }

  private static ClassLoader withServices(Path dir, String... providers) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(TrackerStoreProvider.class.getName()), String.join("\n", providers));
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, TrackerStoresTest.class.getClassLoader());
  }

  @Test
  @DisplayName("A provider for another SPI version is refused with the version in the message.")
  void spiVersionHandshake(@TempDir Path dir) throws IOException {
    ClassLoader loader = withServices(dir, FutureProvider.class.getName());
    assertThatThrownBy(() -> TrackerStores.open("future:x", loader))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("another SPI version")
        .hasMessageContaining("version " + TrackerStoreProvider.SPI_VERSION);
  }

  @Test
  @DisplayName(
      "A provider's IllegalArgumentException becomes an InvalidConfigException naming the URI.")
  void malformedUriIsInvalidConfig(@TempDir Path dir) throws IOException {
    ClassLoader loader = withServices(dir, PickyProvider.class.getName());
    assertThatThrownBy(() -> TrackerStores.open("picky:", loader))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("store URI 'picky:': path must not be empty");
  }

  /** Another provider of memory:, to show two claims of one scheme are refused. */
  public static final class SecondMemoryProvider implements TrackerStoreProvider {
    @Override
    public Set<String> schemes() {
      return Set.of("MEMORY");
    }

    @Override
    public TrackerStore open(String uri) {
      throw new AssertionError("must not be opened");
    }
  }

  @Test
  @DisplayName("Given providers: only they are known, under the same rules as found ones.")
  void givenProvidersOnly(@TempDir Path dir) {
    List<TrackerStoreProvider> core = TrackerStores.coreProviders();
    assertThat(core).extracting(p -> p.schemes()).containsExactly(Set.of("memory"), Set.of("json"));
    try (TrackerStore s = TrackerStores.open("json:" + dir.resolve("t"), core)) {
      assertThat(s).isInstanceOf(JsonFileTrackerStore.class);
    }
    List<TrackerStoreProvider> memoryOnly = List.of(core.get(0));
    assertThatThrownBy(() -> TrackerStores.open("json:" + dir.resolve("t"), memoryOnly))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown scheme 'json'")
        .hasMessageContaining("known schemes: memory (add rebalance-jdbc");
    assertThatThrownBy(
            () -> TrackerStores.open("memory:", List.of(core.get(0), new SecondMemoryProvider())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("two store providers claim the scheme 'memory'");
    assertThatThrownBy(() -> TrackerStores.open("future:x", List.of(new FutureProvider())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("another SPI version");
    assertThatThrownBy(() -> TrackerStores.open("picky:", List.of(new PickyProvider())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("store URI 'picky:': path must not be empty");
  }

  @Test
  @DisplayName(
      "absentFile: a JSON store's snapshot file until the snapshot or its journal is there.")
  void absentFileOfJsonAndMemoryStores(@TempDir Path dir) throws IOException {
    Path store = dir.resolve("t");
    assertThat(TrackerStores.absentFile("json:" + store)).contains(store.resolve("tracker.json"));
    assertThat(TrackerStores.absentFile("json:" + dir.resolve("p.json")))
        .contains(dir.resolve("p.json"));
    assertThat(store).doesNotExist();
    Files.createDirectories(store);
    Files.writeString(store.resolve("tracker.journal.jsonl"), "");
    assertThat(TrackerStores.absentFile("json:" + store, TrackerStores.coreProviders())).isEmpty();
    assertThat(TrackerStores.absentFile("memory:")).isEmpty();
    assertThatThrownBy(() -> TrackerStores.absentFile("json:"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("json:PATH");
    assertThatThrownBy(() -> TrackerStores.absentFile("mongodb://x"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown scheme 'mongodb'");
  }

  @Test
  @DisplayName("Error messages never show a password from the URI.")
  void messagesMaskPasswords() {
    assertThatThrownBy(() -> TrackerStores.open("nosuch://bot:s3cr3t-canary@db:5432/x"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("nosuch://bot:****@db:5432/x")
        .hasMessageNotContaining("s3cr3t-canary");
    assertThat(TrackerStores.redacted("postgresql://db/x?user=bot&password=s3cr3t&ssl=true"))
        .isEqualTo("postgresql://db/x?user=bot&password=****&ssl=true");
    assertThat(TrackerStores.redacted("sqlite:data/rebalance.db"))
        .isEqualTo("sqlite:data/rebalance.db");
  }
}
