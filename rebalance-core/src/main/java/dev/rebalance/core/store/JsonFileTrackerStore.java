package dev.rebalance.core.store;

import static dev.rebalance.core.store.internal.StoreArgs.notNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.EntryChange;
import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.internal.Slf4jRequirement;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.store.internal.JsonCodec;
import dev.rebalance.core.store.internal.JsonSnapshot;
import dev.rebalance.core.store.internal.JsonStoreFiles;
import dev.rebalance.core.store.internal.StoreArgs;
import dev.rebalance.core.store.internal.StoreLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TrackerStore} in plain, human-readable JSON files, safe against crashes and shared
 * safely by several processes (a running bot and the {@code rebalance} CLI).
 *
 * <p>Layout, for a store at directory {@code DIR} (or at {@code DIR/NAME.json} when opened with a
 * path ending in {@code .json}; the default {@code NAME} is {@code tracker}):
 *
 * <ul>
 *   <li>{@code NAME.json} — a pretty-printed snapshot of the small state of every account (entries,
 *       locks, last rebalance, swap intents and the history's aggregates), replaced atomically:
 *       written to a temporary file, synced, renamed over the old one, and the directory synced;
 *   <li>{@code NAME.journal.jsonl} — one JSON line per change to the small state since the
 *       snapshot, synced before the write returns; folded into a new snapshot (compacted) every
 *       {@link Builder#compactAfter} lines;
 *   <li>{@code NAME.history/ACCOUNT.jsonl} — each account's rebalance history, one event per line,
 *       append-only, synced per append. Appending costs the same at a million events as at ten;
 *       {@link #history} reads the newest events backwards from the end of the file, and {@link
 *       #historyStats} answers from aggregates kept up to date on every append;
 *   <li>{@code NAME.lock} — the lock file.
 * </ul>
 *
 * <p>Every operation runs under an exclusive lock — a lock shared by the instances of this JVM
 * around an OS file lock on {@code NAME.lock} — and first re-reads whatever other processes
 * appended since it last looked, so no process ever loses another's write, and {@link
 * #claimRebalance} is atomic across processes. A write is on disk when its method returns. After a
 * crash at any point the store opens with every acknowledged write: a torn last line (a write that
 * never returned) is discarded and truncated; a damaged line anywhere else is a {@link
 * TrackerStoreException} naming the file and the line, and the file is left untouched.
 *
 * <pre>{@code
 * try (TrackerStore store = JsonFileTrackerStore.open(Path.of("data/tracker"))) {
 *   store.appendHistory("default", event);
 * }
 * }</pre>
 *
 * <p>Thread-safe: every operation holds the store's lock.
 */
public final class JsonFileTrackerStore implements TrackerStore {
  /** The value of the snapshot's {@code format} field. */
  public static final String FORMAT = JsonSnapshot.FORMAT;

  /** The snapshot format version this class writes and reads. */
  public static final int VERSION = JsonSnapshot.VERSION;

  private static final Logger log = LoggerFactory.getLogger(JsonFileTrackerStore.class);

  private final StoreLayout layout;
  private final JsonStoreFiles files;

  /** Options for a {@link JsonFileTrackerStore}; not thread-safe. */
  public static final class Builder {
    private final Path path;
    private int compactAfter = 1000;

    private Builder(Path path) {
      this.path = path;
    }

    /**
     * How many journal lines trigger a compaction into a new snapshot (and ten times as many
     * history lines read from other processes). Default 1000.
     *
     * @param lines at least 1
     * @return this builder
     */
    public Builder compactAfter(int lines) {
      if (lines < 1) {
        throw new IllegalArgumentException("compactAfter must be >= 1, was " + lines);
      }
      this.compactAfter = lines;
      return this;
    }

    /**
     * Opens (creating if needed) the store.
     *
     * @return the store; the caller closes it
     * @throws TrackerStoreException if the files cannot be created or read, or are damaged
     */
    public JsonFileTrackerStore open() {
      return new JsonFileTrackerStore(path, compactAfter);
    }
  }

  /**
   * Opens (creating if needed) the store at {@code path}: a directory, or a file path ending in
   * {@code .json} whose siblings hold the journal, history and lock.
   *
   * @param path the store's directory or snapshot file
   * @return the store; the caller closes it
   * @throws TrackerStoreException if the files cannot be created or read, or are damaged
   */
  public static JsonFileTrackerStore open(Path path) {
    return builder(path).open();
  }

  /**
   * A builder for a store at {@code path} (see {@link #open(Path)}).
   *
   * @param path the store's directory or snapshot file
   * @return the builder
   */
  public static Builder builder(Path path) {
    return new Builder(Objects.requireNonNull(path, "path"));
  }

  private JsonFileTrackerStore(Path path, int compactAfter) {
    Slf4jRequirement.check();
    this.layout = StoreLayout.of(path);
    this.files = JsonStoreFiles.open(layout, compactAfter, RebalanceJson.json(), log);
  }

  /** The directory holding the store's files. */
  public Path directory() {
    return layout.dir();
  }

  /** The snapshot file ({@code NAME.json}). */
  public Path snapshotFile() {
    return layout.snapshotFile();
  }

  /** The journal file ({@code NAME.journal.jsonl}). */
  public Path journalFile() {
    return layout.journalFile();
  }

  /**
   * The history file of an account ({@code NAME.history/ACCOUNT.jsonl}, the account id
   * percent-encoded).
   *
   * @param account the account id
   * @return the path (the file exists once the account has history)
   */
  public Path historyFile(String account) {
    return layout.historyFile(StoreArgs.account(account));
  }

  static String encodeAccount(String account) {
    return StoreLayout.encodeAccount(account);
  }

  static String decodeAccount(String encoded) {
    return StoreLayout.decodeAccount(encoded);
  }

  // ---- Clause 2: entries
  // -------------------------------------------------------------------------

  @Override
  public Optional<TrackedEntry> entry(String account, String symbol) {
    StoreArgs.account(account);
    notNull(symbol, "symbol");
    return files.locked(
        "entry", () -> Optional.ofNullable(files.read(account).entries.get(symbol)));
  }

  @Override
  public List<TrackedEntry> entries(String account) {
    StoreArgs.account(account);
    return files.locked("entries", () -> List.copyOf(files.read(account).entries.values()));
  }

  @Override
  public void putEntry(String account, TrackedEntry entry) {
    StoreArgs.account(account);
    notNull(entry, "entry");
    files.lockedStep(
        "putEntry",
        () -> {
          ObjectNode op = files.op("putEntry", account);
          op.set("entry", JsonCodec.entry(entry));
          files.commit(op);
        });
  }

  @Override
  public boolean removeEntry(String account, String symbol) {
    StoreArgs.account(account);
    notNull(symbol, "symbol");
    return files.locked(
        "removeEntry",
        () -> {
          if (!files.read(account).entries.containsKey(symbol)) {
            return false;
          }
          files.commit(files.op("removeEntry", account).put("symbol", symbol));
          return true;
        });
  }

  // ---- Clause 3: locks
  // ---------------------------------------------------------------------------

  @Override
  public List<PositionLock> locks(String account) {
    StoreArgs.account(account);
    return files.locked("locks", () -> List.copyOf(files.read(account).locks.values()));
  }

  @Override
  public void putLock(String account, PositionLock lock) {
    StoreArgs.account(account);
    notNull(lock, "lock");
    files.lockedStep(
        "putLock",
        () -> {
          ObjectNode op = files.op("putLock", account);
          op.set("lock", JsonCodec.lock(lock));
          files.commit(op);
        });
  }

  @Override
  public boolean removeLock(String account, String symbol) {
    StoreArgs.account(account);
    notNull(symbol, "symbol");
    return files.locked(
        "removeLock",
        () -> {
          if (!files.read(account).locks.containsKey(symbol)) {
            return false;
          }
          files.commit(files.op("removeLock", account).put("symbol", symbol));
          return true;
        });
  }

  @Override
  public int removeAllLocks(String account) {
    StoreArgs.account(account);
    return files.locked(
        "removeAllLocks",
        () -> {
          int n = files.read(account).locks.size();
          if (n > 0) {
            files.commit(files.op("removeAllLocks", account));
          }
          return n;
        });
  }

  // ---- Clause 4: history
  // -------------------------------------------------------------------------

  @Override
  public boolean appendHistory(String account, RebalanceEvent event) {
    StoreArgs.account(account);
    notNull(event, "event");
    return files.locked("appendHistory", () -> files.appendHistory(account, event));
  }

  @Override
  public List<RebalanceEvent> history(String account, int limit, int offset) {
    StoreArgs.account(account);
    StoreArgs.page(limit, offset);
    return files.locked("history", () -> files.history(account, limit, offset));
  }

  @Override
  public HistoryStats historyStats(String account) {
    StoreArgs.account(account);
    return files.locked(
        "historyStats",
        () -> {
          files.refreshHistory(account);
          return files.read(account).history.stats();
        });
  }

  // ---- Clause 5: cooldown
  // ------------------------------------------------------------------------

  @Override
  public Optional<Instant> lastRebalance(String account) {
    StoreArgs.account(account);
    return files.locked("lastRebalance", () -> files.read(account).lastRebalance());
  }

  @Override
  public boolean claimRebalance(String account, Instant at, Duration cooldown) {
    StoreArgs.account(account);
    notNull(at, "at");
    StoreArgs.cooldown(cooldown);
    return files.locked(
        "claimRebalance",
        () -> {
          if (!files.read(account).claimAllowed(at, cooldown)) {
            return false;
          }
          files.commit(files.op("lastRebalance", account).put("at", at.toString()));
          return true;
        });
  }

  @Override
  public void setLastRebalance(String account, Instant at) {
    StoreArgs.account(account);
    notNull(at, "at");
    files.lockedStep(
        "setLastRebalance",
        () -> {
          files.commit(files.op("lastRebalance", account).put("at", at.toString()));
        });
  }

  // ---- Clause 6: intents
  // -------------------------------------------------------------------------

  @Override
  public void putIntent(String account, SwapIntent intent) {
    StoreArgs.account(account);
    notNull(intent, "intent");
    files.lockedStep(
        "putIntent",
        () -> {
          ObjectNode op = files.op("putIntent", account);
          op.set("intent", JsonCodec.intent(intent));
          files.commit(op);
        });
  }

  @Override
  public Optional<SwapIntent> intent(String account, String id) {
    StoreArgs.account(account);
    notNull(id, "id");
    return files.locked("intent", () -> Optional.ofNullable(files.read(account).intents.get(id)));
  }

  @Override
  public List<SwapIntent> openIntents(String account) {
    StoreArgs.account(account);
    return files.locked("openIntents", () -> files.read(account).openIntents());
  }

  // ---- Clauses 9 and 10: fills
  // --------------------------------------------------------------------

  @Override
  public boolean applyFill(String account, String fillId, EntryChange change) {
    StoreArgs.account(account);
    StoreArgs.fillId(fillId);
    notNull(change, "change");
    return files.locked(
        "applyFill",
        () -> {
          if (files.read(account).fills.contains(fillId)) {
            return false;
          }
          // One journal line carries the fill id and the change: a crash keeps both or neither.
          ObjectNode op = files.op("applyFill", account).put("fillId", fillId);
          change.put().ifPresent(e -> op.set("put", JsonCodec.entry(e)));
          change.remove().ifPresent(symbol -> op.put("remove", symbol));
          files.commit(op);
          return true;
        });
  }

  @Override
  public boolean fillApplied(String account, String fillId) {
    StoreArgs.account(account);
    notNull(fillId, "fillId");
    return files.locked("fillApplied", () -> files.read(account).fills.contains(fillId));
  }

  @Override
  public Optional<Instant> fillWatermark(String account) {
    StoreArgs.account(account);
    return files.locked(
        "fillWatermark", () -> Optional.ofNullable(files.read(account).fillWatermark));
  }

  @Override
  public Instant advanceFillWatermark(String account, Instant to) {
    StoreArgs.account(account);
    notNull(to, "to");
    return files.locked(
        "advanceFillWatermark",
        () -> {
          Instant now = files.read(account).fillWatermark;
          if (now != null && !to.isAfter(now)) {
            return now;
          }
          files.commit(files.op("fillWatermark", account).put("at", to.toString()));
          return to;
        });
  }

  // ---- Clause 12: listing accounts --------------------------------------------------------------

  /**
   * {@inheritDoc}
   *
   * <p>Reads the snapshot and journal, and the history files other processes appended to.
   */
  @Override
  public List<String> accounts() {
    return files.locked("accounts", files::accounts);
  }

  /**
   * Compacts the journal into a new snapshot now (it also happens on its own every {@link
   * Builder#compactAfter} changes).
   *
   * @throws TrackerStoreException if writing fails
   */
  public void compactNow() {
    files.lockedStep(
        "compact",
        () -> {
          files.compact();
        });
  }

  @Override
  public void close() {
    files.close();
  }

  @Override
  public String toString() {
    return "JsonFileTrackerStore[" + layout.snapshotFile() + "]";
  }
}
