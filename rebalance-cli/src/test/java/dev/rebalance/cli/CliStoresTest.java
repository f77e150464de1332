package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import dev.rebalance.core.store.TrackerStores;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's own store list agrees with the service files it replaces at start-up. */
class CliStoresTest {

  @Test
  void theShippedProvidersAreExactlyTheOnesTheServiceFilesList() {
    TreeSet<String> listed =
        ServiceLoader.load(TrackerStoreProvider.class).stream()
            .map(p -> p.type().getName())
            .collect(Collectors.toCollection(TreeSet::new));
    TreeSet<String> shipped =
        CliStores.PROVIDERS.stream()
            .map(p -> p.getClass().getName())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(shipped).isEqualTo(listed);
  }

  @Test
  void theirSchemesAreTheLibrarysKnownSchemes() {
    TreeSet<String> schemes =
        CliStores.PROVIDERS.stream()
            .flatMap(p -> p.schemes().stream())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(schemes).containsExactlyElementsOf(TrackerStores.knownSchemes());
  }

  @Test
  void opensAShippedStore(@TempDir Path dir) throws Exception {
    try (TrackerStore store = CliStores.open("sqlite:" + dir.resolve("s.db"))) {
      assertThat(store.accounts()).isEmpty();
    }
    try (TrackerStore store = CliStores.open("memory:")) {
      assertThat(store.accounts()).isEmpty();
    }
  }

  @Test
  void anUnknownSchemeGetsTheLibrarysMessageListingTheKnownOnes() {
    assertThatThrownBy(() -> CliStores.open("mongo://db/x"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown scheme 'mongo'")
        .hasMessageContaining(
            "known schemes: jdbc:postgresql, jdbc:sqlite, json, memory, postgres, postgresql, sqlite");
  }
}
