package dev.rebalance.cli.dashboard;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.Identifiers;
import dev.rebalance.core.json.RebalanceJson;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the accounts a store holds by reading it directly, read-only, because the {@code
 * TrackerStore} SPI has no call that lists accounts: for {@code json:} stores the snapshot's {@code
 * accounts} and the {@code NAME.history/ACCOUNT.jsonl} file names (the layout {@code
 * JsonFileTrackerStore} documents), for {@code sqlite:} stores the distinct {@code account} column
 * of its tables. Other stores (PostgreSQL) list nothing. A scan that fails lists nothing and never
 * writes. Replace with an SPI {@code accounts()} call when there is one.
 *
 * <p>Stateless and thread-safe.
 */
public final class StoreAccountScan {
  private static final Logger log = LoggerFactory.getLogger(StoreAccountScan.class);
  /** Log event: the accounts of a store could not be listed. */
  static final String SCAN_FAILED = "dashboard_account_scan_failed";
  private static final String[] TABLES = {
    "rebalance_entries",
    "rebalance_locks",
    "rebalance_history",
    "rebalance_last_rebalance",
    "rebalance_intents",
    "rebalance_fills"
  };

  private StoreAccountScan() {}

  /**
   * A source of the accounts the store at {@code storeUri} holds, scanned on each call.
   *
   * @param storeUri the store URI as given to {@code --store}
   * @return the account source (valid account ids only)
   */
  public static Supplier<Collection<String>> of(String storeUri) {
    String lower = storeUri.toLowerCase(Locale.ROOT);
    if (lower.startsWith("json:")) {
      Path p = Path.of(storeUri.substring("json:".length()));
      return () -> scanJson(p);
    }
    if (lower.startsWith("sqlite:") || lower.startsWith("jdbc:sqlite:")) {
      String rest = storeUri.substring(lower.startsWith("sqlite:") ? 7 : 12);
      Path file = Path.of(rest.startsWith("///") ? rest.substring(2) : rest);
      return () -> scanSqlite(file);
    }
    return Set::of;
  }

  static Collection<String> scanJson(Path path) {
    String file = path.getFileName() == null ? "" : path.getFileName().toString();
    Path dir = file.endsWith(".json") ? path.toAbsolutePath().getParent() : path;
    String name = file.endsWith(".json") ? file.substring(0, file.length() - 5) : "tracker";
    Set<String> found = new TreeSet<>();
    Path snapshot = dir.resolve(name + ".json");
    try {
      if (Files.isRegularFile(snapshot)) {
        JsonNode accounts = RebalanceJson.json().readTree(snapshot.toFile()).path("accounts");
        for (Iterator<String> it = accounts.fieldNames(); it.hasNext(); ) {
          add(found, it.next());
        }
      }
      Path journal = dir.resolve(name + ".journal.jsonl");
      if (Files.isRegularFile(journal)) {
        try (java.io.BufferedReader r = Files.newBufferedReader(journal)) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            try {
              add(found, RebalanceJson.json().readTree(line).path("account").asText(null));
            } catch (IOException torn) {
              // a torn last line: the store itself discards it
            }
          }
        }
      }
      Path history = dir.resolve(name + ".history");
      if (Files.isDirectory(history)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(history, "*.jsonl")) {
          for (Path h : ds) {
            String f = h.getFileName().toString();
            // File names are the account id, percent-encoded (JsonFileTrackerStore.encodeAccount).
            add(found, URLDecoder.decode(f.substring(0, f.length() - ".jsonl".length()), UTF_8));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
    return found;
  }

  static Collection<String> scanSqlite(Path file) {
    Set<String> found = new TreeSet<>();
    if (!Files.isRegularFile(file)) {
      return found;
    }
    String url = "jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet r = s.executeQuery("SELECT DISTINCT account FROM " + table)) {
          while (r.next()) {
            add(found, r.getString(1));
          }
        } catch (SQLException missingInThisSchemaVersion) {
          // an older schema has fewer tables: list what the others hold
        }
      }
    } catch (SQLException | RuntimeException e) {
      failed(e);
    }
    return found;
  }

  private static void add(Set<String> found, String account) {
    if (account != null && Identifiers.isValidAccountId(account)) {
      found.add(account);
    }
  }

  private static void failed(Exception e) {
    log.atDebug().setMessage(SCAN_FAILED).addKeyValue("error", e.getClass().getSimpleName()).log();
  }
}
