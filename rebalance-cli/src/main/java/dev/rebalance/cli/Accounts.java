package dev.rebalance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.store.JsonFileTrackerStore;
import dev.rebalance.jdbc.JdbcTrackerStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The account ids a store holds. The {@code TrackerStore} SPI has no call that lists accounts, so
 * this reads them per store kind from what each documents: an SQLite store's {@code rebalance_*}
 * tables (docs/jdbc.md; through a separate read-only connection) and a JSON store's snapshot,
 * journal and {@code NAME.history/ACCOUNT.jsonl} files (the {@link JsonFileTrackerStore} layout).
 * Other stores (PostgreSQL, memory, a user's own) cannot be listed: {@link #ids} is empty.
 *
 * <p>Stateless and thread-safe.
 */
final class Accounts {
  private static final List<String> TABLES =
      List.of(
          "rebalance_entries",
          "rebalance_locks",
          "rebalance_history",
          "rebalance_last_rebalance",
          "rebalance_intents");

  private Accounts() {}

  /**
   * The account ids the store holds, sorted; empty when this kind of store cannot list them.
   *
   * @param store the open store
   * @param uri the URI it was opened from
   * @return the ids, or empty if unknown
   * @throws TrackerStoreException if the store's files cannot be read
   */
  static Optional<TreeSet<String>> ids(TrackerStore store, String uri) {
    if (store instanceof JsonFileTrackerStore) {
      return Optional.of(json((JsonFileTrackerStore) store));
    }
    if (store instanceof JdbcTrackerStore) {
      Optional<Path> file = StoreOptions.localFile(uri);
      if (file.isPresent()) {
        return Optional.of(sqlite(file.get()));
      }
    }
    return Optional.empty();
  }

  /**
   * A note for a command whose account is empty: the other accounts the store holds, or {@code ""}
   * when there are none (or they cannot be listed).
   *
   * @param store the open store
   * @param uri the URI it was opened from
   * @param account the command's account
   * @return {@code " in account X; the store holds accounts A, B (use --account)"} or {@code ""}
   */
  static String elsewhere(TrackerStore store, String uri, String account) {
    Optional<TreeSet<String>> ids = ids(store, uri);
    if (ids.isEmpty()) {
      return "";
    }
    TreeSet<String> others = new TreeSet<>(ids.get());
    others.remove(account);
    if (others.isEmpty()) {
      return "";
    }
    List<String> shown = others.stream().limit(10).toList();
    return " in account "
        + account
        + "; the store holds "
        + (others.size() == 1 ? "account " : "accounts ")
        + String.join(", ", shown)
        + (others.size() > shown.size() ? " and " + (others.size() - shown.size()) + " more" : "")
        + " (use --account, or see rebalance accounts)";
  }

  private static TreeSet<String> sqlite(Path file) {
    TreeSet<String> ids = new TreeSet<>();
    Properties p = new Properties();
    p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, p);
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet r = s.executeQuery("SELECT DISTINCT account FROM " + table)) {
          while (r.next()) {
            add(ids, r.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new TrackerStoreException(
          "SQLite store " + file + ": cannot list accounts: " + e.getMessage(), e);
    }
    return ids;
  }

  private static TreeSet<String> json(JsonFileTrackerStore store) {
    TreeSet<String> ids = new TreeSet<>();
    try {
      Path snapshot = store.snapshotFile();
      if (Files.exists(snapshot)) {
        JsonNode accounts = RebalanceJson.json().readTree(snapshot.toFile()).path("accounts");
        for (Iterator<String> it = accounts.fieldNames(); it.hasNext(); ) {
          add(ids, it.next());
        }
      }
      if (Files.exists(store.journalFile())) {
        try (BufferedReader r = Files.newBufferedReader(store.journalFile(), StandardCharsets.UTF_8)) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            try {
              JsonNode account = RebalanceJson.json().readTree(line).path("account");
              if (account.isTextual()) {
                add(ids, account.asText());
              }
            } catch (IOException torn) {
              // A torn last line is the store's to report; it names no account.
            }
          }
        }
      }
      Path historyDir = store.historyFile("default").getParent();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(historyDir, "*.jsonl")) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          if (Files.size(f) > 0) {
            add(ids, name.substring(0, name.length() - ".jsonl".length()));
          }
        }
      } catch (NoSuchFileException e) {
        // no history yet
      }
    } catch (IOException e) {
      throw new TrackerStoreException(
          "JSON store " + store.directory() + ": cannot list accounts: " + e.getMessage(), e);
    }
    return ids;
  }

  /** Only ids that follow the account-id rule are shown; anything else is not an account. */
  private static void add(TreeSet<String> ids, String id) {
    if (id != null && Identifiers.isValidAccountId(id)) {
      ids.add(id);
    }
  }
}
