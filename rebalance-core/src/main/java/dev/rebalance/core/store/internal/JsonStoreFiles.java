package dev.rebalance.core.store.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackerStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The files of one JSON file store kept in step with a cache of its small state: opens or creates
 * them, runs each operation under the {@link ProcessLock} after folding in what other processes
 * wrote (a replaced {@link SnapshotFile}, new {@link Journal} lines, new {@link HistoryLog} lines),
 * commits changes to the journal and compacts the journal into a new snapshot every {@code
 * compactAfter} lines.
 *
 * <p>Thread-safe: every operation holds the process lock.
 */
public final class JsonStoreFiles {
  private static final String TORN_WRITE_DISCARDED = "store_torn_write_discarded";
  private static final String COMPACTED = "store_compacted";

  private final StoreLayout layout;
  private final int compactAfter;
  private final ObjectMapper mapper;
  private final Logger log;
  private final ProcessLock processLock;
  private final SnapshotFile snapshot;
  private final HistoryLog history;

  // Opened by openLocked(), which open() runs before handing the files out, or open() throws.
  @SuppressWarnings("NullAway.Init")
  private Journal journal;

  // The cached state, valid while the snapshot is the one loaded; guarded by processLock.
  private Map<String, AccountState> accounts = new HashMap<>();
  private long generation;
  private boolean tornTailLogged;
  private boolean closed;

  /** The body of an operation, run under the lock. */
  @FunctionalInterface
  public interface IoStep {
    /**
     * @throws IOException if a file operation fails
     */
    void run() throws IOException;
  }

  /**
   * Runs {@code step}, which returns nothing, as {@link #locked} runs a body.
   *
   * @param what the operation, for error messages
   * @param step the operation
   * @throws TrackerStoreException if the store is closed, or a file operation fails
   */
  public void lockedStep(String what, IoStep step) {
    Boolean unused =
        locked(
            what,
            () -> {
              step.run();
              return Boolean.TRUE;
            });
  }

  /** An operation on the files that returns a result. */
  public interface IoBody<T> {
    /**
     * @return the operation's result
     * @throws IOException if a file operation fails
     */
    T run() throws IOException;
  }

  private JsonStoreFiles(
      StoreLayout layout, int compactAfter, ObjectMapper mapper, Logger log, ProcessLock lock) {
    this.layout = layout;
    this.compactAfter = compactAfter;
    this.mapper = mapper;
    this.log = log;
    this.processLock = lock;
    this.snapshot = new SnapshotFile(layout, mapper);
    this.history = new HistoryLog(layout, mapper, this::noteTornTail);
  }

  /**
   * Opens (creating if needed) the store's files.
   *
   * @param layout where they are
   * @param compactAfter journal lines that trigger a compaction
   * @param mapper the store's mapper
   * @param log the store's logger
   * @return the open files; the caller closes them
   * @throws TrackerStoreException if the files cannot be created or read, or are damaged
   */
  public static JsonStoreFiles open(
      StoreLayout layout, int compactAfter, ObjectMapper mapper, Logger log) {
    Path dir = layout.dir();
    @Nullable ProcessLock lock = null;
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new TrackerStoreException(
            "JSON store " + dir + ": not a directory (give a directory or a path ending in .json)");
      }
      new SnapshotFile(layout, mapper).refuseWithoutJournal();
      Files.createDirectories(dir);
      Files.createDirectories(layout.historyDir());
      lock = ProcessLock.acquireHandle(layout.lockFile());
    } catch (IOException e) {
      releaseQuietly(lock);
      throw new TrackerStoreException("JSON store " + dir + ": cannot open: " + e, e);
    }
    JsonStoreFiles files =
        new JsonStoreFiles(
            layout, compactAfter, mapper, log, Objects.requireNonNull(lock, "process lock"));
    try {
      files.openLocked();
    } catch (RuntimeException e) {
      @SuppressWarnings("NullAway") // null when openLocked() failed before opening it
      boolean journalOpen = files.journal != null;
      if (journalOpen) {
        try {
          files.journal.close();
        } catch (IOException ignored) {
          // Nothing more to do while failing to open.
        }
      }
      releaseQuietly(lock);
      files.closed = true;
      throw e;
    }
    return files;
  }

  /**
   * Opens the files under the process lock. A store without a snapshot is new only if it has no
   * journal and no history either; otherwise the snapshot was lost and the store refuses to open
   * (writing a new, emptier snapshot would make the loss permanent). Opening an existing store
   * writes nothing.
   */
  private void openLocked() {
    try {
      processLock.lock();
    } catch (IOException e) {
      throw new TrackerStoreException(
          "JSON store " + layout.dir() + ": cannot lock " + processLock.file() + ": " + e, e);
    }
    try {
      boolean fresh = !Files.exists(layout.snapshotFile());
      if (fresh) {
        snapshot.refuseLost();
      } else if (!Files.exists(layout.journalFile())) {
        throw layout.damaged(
            layout.journalFile(),
            "is missing next to the snapshot "
                + layout.snapshotFile()
                + " (every store has one; the changes since the last compaction are lost)");
      }
      @Nullable Path firstSnapshot = null;
      if (fresh) {
        // A new store: the first snapshot to a temporary file, then the journal, then the rename.
        // A crash before the rename leaves an empty journal next to a temporary snapshot, which
        // the next open recognises as an unfinished creation; any other journal without a
        // snapshot, and any snapshot without a journal, is damage.
        accounts = new HashMap<>();
        history.reset(new HashMap<>());
        generation = 0;
        firstSnapshot = snapshot.writeTemp(generation + 1, accounts, history.bytes());
      }
      journal = Journal.open(layout, mapper, this::noteTornTail);
      if (fresh) {
        snapshot.install(Objects.requireNonNull(firstSnapshot, "first snapshot"));
      }
      refresh();
      history.refreshAll(accounts);
    } catch (IOException e) {
      snapshot.forget();
      throw new TrackerStoreException("JSON store " + layout.dir() + ": cannot open: " + e, e);
    } finally {
      try {
        processLock.unlock();
      } catch (IOException e) {
        throw new TrackerStoreException("JSON store " + layout.dir() + ": cannot unlock: " + e, e);
      }
    }
  }

  /**
   * Runs {@code body} holding the process lock, after bringing the cache up to date.
   *
   * @param what the operation, for error messages
   * @param body the operation
   * @param <T> its result type
   * @return its result
   * @throws TrackerStoreException if the store is closed, or a file operation fails
   */
  public <T> T locked(String what, IoBody<T> body) {
    synchronized (this) {
      if (closed) {
        throw new TrackerStoreException("JSON store " + layout.dir() + ": closed");
      }
    }
    try {
      processLock.lock();
    } catch (IOException e) {
      throw new TrackerStoreException(
          "JSON store " + layout.dir() + ": cannot lock " + processLock.file() + ": " + e, e);
    }
    try {
      refresh();
      return body.run();
    } catch (IOException e) {
      snapshot.forget();
      throw new TrackerStoreException(
          "JSON store " + layout.dir() + ": " + what + " failed: " + e, e);
    } catch (RuntimeException e) {
      snapshot.forget();
      throw e;
    } finally {
      try {
        processLock.unlock();
      } catch (IOException e) {
        throw new TrackerStoreException("JSON store " + layout.dir() + ": cannot unlock: " + e, e);
      }
    }
  }

  /** Brings the cached small state up to date with the files (holding the lock). */
  private void refresh() throws IOException {
    SnapshotFile.Key key = snapshot.key();
    if (!snapshot.isLoaded(key) || journal.shrunk()) {
      JsonSnapshot.Loaded loaded = snapshot.load(key);
      accounts = loaded.accounts();
      history.reset(loaded.historyBytes());
      generation = loaded.generation();
      journal.rewind();
    }
    journal.readNew(generation, accounts);
    history.verifyFiles();
  }

  /**
   * A torn last line (a write that never returned) is skipped by reads and cut off by the next
   * write, so a read never changes a file.
   */
  private void noteTornTail(Path file, long end, long size) {
    if (!tornTailLogged) {
      tornTailLogged = true;
      log.atWarn()
          .setMessage(TORN_WRITE_DISCARDED)
          .addKeyValue("file", file)
          .addKeyValue("offset", end)
          .addKeyValue("bytes", size - end)
          .log();
    }
  }

  /**
   * An account's state, or an empty one; a read changes nothing. Call under {@link #locked}.
   *
   * @param account the account
   * @return its state
   */
  public AccountState read(String account) {
    AccountState a = accounts.get(account);
    return a == null ? new AccountState() : a;
  }

  /**
   * A new journal line of the current generation (see {@link JournalOps#op}).
   *
   * @param kind the change
   * @param account the account
   * @return the line, to fill in and {@link #commit}
   */
  public ObjectNode op(String kind, String account) {
    return JournalOps.op(generation, kind, account);
  }

  /**
   * Appends one change to the journal, synced, then applies it to the cache; compacts when the
   * journal is long enough. Call under {@link #locked}.
   *
   * @param op the change
   * @throws IOException if writing fails
   */
  public void commit(ObjectNode op) throws IOException {
    journal.append(op, generation, accounts);
    maybeCompact();
  }

  /**
   * Folds in the lines other processes appended to an account's history. Call under {@link
   * #locked}.
   *
   * @param account the account
   * @throws IOException if reading fails
   */
  public void refreshHistory(String account) throws IOException {
    history.refresh(account, accounts);
  }

  /**
   * Appends an event to an account's history unless its swap id is already there. Call under {@link
   * #locked}.
   *
   * @param account the account
   * @param event the event
   * @return whether it was appended
   * @throws IOException if writing fails
   */
  public boolean appendHistory(String account, RebalanceEvent event) throws IOException {
    refreshHistory(account);
    if (event.swapId().isPresent() && read(account).swapIds.contains(event.swapId().get())) {
      return false;
    }
    if (history.append(account, event, accounts)) {
      // The snapshot learns the account has a history file, so losing the file is damage
      // that the next open reports, not an empty history.
      compact();
    }
    return true;
  }

  /**
   * A page of an account's history, newest first. Call under {@link #locked}.
   *
   * @param account the account
   * @param limit at most this many
   * @param offset skipping this many
   * @return the events
   * @throws IOException if reading fails
   */
  public List<RebalanceEvent> history(String account, int limit, int offset) throws IOException {
    refreshHistory(account);
    return history.page(account, read(account), limit, offset);
  }

  /**
   * The accounts holding any state, sorted. Call under {@link #locked}.
   *
   * @return the account ids
   * @throws IOException if reading fails
   */
  public List<String> accounts() throws IOException {
    for (String account : layout.historyAccounts()) {
      if (Identifiers.isValidAccountId(account)) {
        refreshHistory(account);
      }
    }
    return accounts.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty() && Identifiers.isValidAccountId(e.getKey()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private void maybeCompact() throws IOException {
    if (journal.lines() >= compactAfter || history.linesSinceSnapshot() >= 10L * compactAfter) {
      compact();
    }
  }

  /**
   * Folds the journal into a new snapshot. Call under {@link #locked}.
   *
   * @throws IOException if writing fails
   */
  public void compact() throws IOException {
    history.refreshAll(accounts);
    snapshot.deleteLeftoverTemps();
    snapshot.replace(generation + 1, accounts, history.bytes());
    // From here on the new snapshot is authoritative; journal lines of the old generation are
    // skipped even if the truncation below never happens.
    generation++;
    journal.clear();
    history.snapshotTaken();
    snapshot.markLoaded();
    log.atDebug()
        .setMessage(COMPACTED)
        .addKeyValue("file", layout.snapshotFile())
        .addKeyValue("generation", generation)
        .log();
  }

  /**
   * Closes the files and releases the lock; a second call does nothing.
   *
   * @throws TrackerStoreException if closing fails
   */
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    IOException failure = null;
    try {
      processLock.lock();
      try {
        history.close();
        journal.close();
      } finally {
        processLock.unlock();
      }
    } catch (IOException e) {
      failure = e;
    }
    try {
      processLock.release();
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    if (failure != null) {
      throw new TrackerStoreException(
          "JSON store " + layout.dir() + ": close failed: " + failure, failure);
    }
  }

  private static void releaseQuietly(@Nullable ProcessLock lock) {
    if (lock != null) {
      try {
        lock.release();
      } catch (IOException ignored) {
        // Nothing more to do while failing to open.
      }
    }
  }
}
