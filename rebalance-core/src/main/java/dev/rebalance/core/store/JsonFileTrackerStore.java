package dev.rebalance.core.store;

import static dev.rebalance.core.store.internal.StoreArgs.notNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.EntryChange;
import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.internal.Slf4jRequirement;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.store.internal.AccountState;
import dev.rebalance.core.store.internal.JsonCodec;
import dev.rebalance.core.store.internal.JsonLines;
import dev.rebalance.core.store.internal.JsonSnapshot;
import dev.rebalance.core.store.internal.JournalOps;
import dev.rebalance.core.store.internal.ProcessLock;
import dev.rebalance.core.store.internal.StoreArgs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
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
 *   <li>{@code NAME.json} — a pretty-printed snapshot of the small state of every account
 *       (entries, locks, last rebalance, swap intents and the history's aggregates), replaced
 *       atomically: written to a temporary file, synced, renamed over the old one, and the
 *       directory synced;
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
  private static final String TORN_WRITE_DISCARDED = "store_torn_write_discarded";
  private static final String COMPACTED = "store_compacted";

  private final Path dir;
  private final String name;
  private final Path snapshotFile;
  private final Path journalFile;
  private final Path historyDir;
  private final int compactAfter;
  private final ObjectMapper mapper = RebalanceJson.json();
  private final ProcessLock processLock;
  @SuppressWarnings("NullAway.Init") // opened by openLocked(), or the constructor throws
  private FileChannel journal;
  private final Map<String, FileChannel> historyChannels = new HashMap<>();
  // The newest history events per account (oldest first), up to RECENT; absent until first read.
  private static final int RECENT = 256;
  private final Map<String, ArrayDeque<RebalanceEvent>> recent = new HashMap<>();

  // The cached state, valid while snapshotKey matches the snapshot file; guarded by processLock.
  private Map<String, AccountState> accounts = new HashMap<>();
  private Map<String, Long> historyBytes = new HashMap<>();
  private @Nullable SnapshotKey snapshotKey;
  private long generation;
  private long journalOffset;
  private long journalLines;
  private long historyLinesSinceSnapshot;
  private boolean tornTailLogged;
  private boolean closed;

  private record SnapshotKey(@Nullable Object fileKey, @Nullable FileTime modified, long size) {}

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
    Path p = path.toAbsolutePath().normalize();
    String file = p.getFileName() == null ? "" : p.getFileName().toString();
    if (file.endsWith(".json")) {
      this.dir = Objects.requireNonNull(p.getParent(), "parent"); // absolute, with a file name
      this.name = file.substring(0, file.length() - ".json".length());
    } else {
      this.dir = p;
      this.name = "tracker";
    }
    this.snapshotFile = dir.resolve(name + ".json");
    this.journalFile = dir.resolve(name + ".journal.jsonl");
    this.historyDir = dir.resolve(name + ".history");
    this.compactAfter = compactAfter;
    ProcessLock lock = null;
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new TrackerStoreException(
            "JSON store " + dir + ": not a directory (give a directory or a path ending in .json)");
      }
      refuseBeforeCreatingAnything();
      Files.createDirectories(dir);
      Files.createDirectories(historyDir);
      lock = ProcessLock.acquireHandle(dir.resolve(name + ".lock"));
    } catch (IOException e) {
      releaseQuietly(lock);
      throw new TrackerStoreException("JSON store " + dir + ": cannot open: " + e, e);
    }
    this.processLock = lock;
    try {
      openLocked();
    } catch (RuntimeException e) {
      closeQuietly(journal);
      releaseQuietly(processLock);
      closed = true;
      throw e;
    }
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
          "JSON store " + dir + ": cannot lock " + processLock.file() + ": " + e, e);
    }
    try {
      boolean fresh = !Files.exists(snapshotFile);
      if (fresh) {
        refuseLostSnapshot();
      } else if (!Files.exists(journalFile)) {
        throw damaged(
            journalFile,
            "is missing next to the snapshot " + snapshotFile
                + " (every store has one; the changes since the last compaction are lost)");
      }
      Path firstSnapshot = null;
      if (fresh) {
        // A new store: the first snapshot to a temporary file, then the journal, then the rename.
        // A crash before the rename leaves an empty journal next to a temporary snapshot, which
        // the next open recognises as an unfinished creation; any other journal without a
        // snapshot, and any snapshot without a journal, is damage.
        accounts = new HashMap<>();
        historyBytes = new HashMap<>();
        generation = 0;
        firstSnapshot = writeTempSnapshot();
      }
      journal =
          FileChannel.open(
              journalFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (fresh) {
        syncDirectory(historyDir);
        syncDirectory(dir);
        Files.move(
            firstSnapshot, snapshotFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
        deleteLeftoverTempFiles();
      }
      refresh();
      for (String account : historyAccounts()) {
        refreshHistory(account);
      }
    } catch (IOException e) {
      snapshotKey = null;
      throw new TrackerStoreException("JSON store " + dir + ": cannot open: " + e, e);
    } finally {
      try {
        processLock.unlock();
      } catch (IOException e) {
        throw new TrackerStoreException("JSON store " + dir + ": cannot unlock: " + e, e);
      }
    }
  }

  private void refuseLostSnapshot() throws IOException {
    if (Files.exists(journalFile) && !(Files.size(journalFile) == 0 && hasTempSnapshot())) {
      throw damaged(
          snapshotFile,
          "is missing but the journal " + journalFile + " exists (" + Files.size(journalFile)
              + " bytes): the store's snapshot was deleted or moved; restore it from a backup."
              + " Nothing was written");
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(historyDir, "*.jsonl")) {
      for (Path f : files) {
        if (Files.size(f) > 0) {
          throw damaged(
              snapshotFile,
              "is missing but the history file " + f + " holds events: the store's snapshot was"
                  + " deleted or moved; restore it from a backup. Nothing was written");
        }
      }
    }
  }

  /**
   * Refuses, before a directory or lock file is created, a snapshot with no journal beside it: a
   * file that is not a store at all, or a store whose journal was lost. (A creating store renames
   * its snapshot into place only after its journal exists, so this state is never a store being
   * created.) A refused open leaves nothing behind.
   */
  private void refuseBeforeCreatingAnything() throws IOException {
    if (!Files.isRegularFile(snapshotFile) || Files.exists(journalFile)) {
      return;
    }
    boolean looksLikeStore;
    try {
      JsonNode root = mapper.readTree(snapshotFile.toFile());
      looksLikeStore = root != null && root.isObject() && root.has("generation") && root.has("accounts");
    } catch (IOException notJson) {
      looksLikeStore = false;
    }
    if (!looksLikeStore) {
      throw new TrackerStoreException(
          "JSON store " + dir + ": " + snapshotFile + " is not a Rebalance store (no \"generation\""
              + " and \"accounts\"); give a new path or a store's directory. Nothing was written");
    }
    throw damaged(
        journalFile,
        "is missing next to the snapshot " + snapshotFile
            + " (every store has one; the changes since the last compaction are lost)."
            + " Nothing was written");
  }

  private TrackerStoreException damaged(Path file, String problem) {
    return new TrackerStoreException("JSON store " + dir + ": " + file + " " + problem);
  }

  /** The directory holding the store's files. */
  public Path directory() {
    return dir;
  }

  /** The snapshot file ({@code NAME.json}). */
  public Path snapshotFile() {
    return snapshotFile;
  }

  /** The journal file ({@code NAME.journal.jsonl}). */
  public Path journalFile() {
    return journalFile;
  }

  /**
   * The history file of an account ({@code NAME.history/ACCOUNT.jsonl}, the account id
   * percent-encoded).
   *
   * @param account the account id
   * @return the path (the file exists once the account has history)
   */
  public Path historyFile(String account) {
    return historyPath(StoreArgs.account(account));
  }

  private Path historyPath(String account) {
    return historyDir.resolve(encodeAccount(account) + ".jsonl");
  }

  // ---- locking and refreshing --------------------------------------------------------------------

  @FunctionalInterface
  private interface IoBody<T> {
    T run() throws IOException;
  }

  @FunctionalInterface
  private interface IoStep {
    void run() throws IOException;
  }

  private void lockedStep(String what, IoStep step) {
    locked(
        what,
        () -> {
          step.run();
          return Boolean.TRUE;
        });
  }

  private <T> T locked(String what, IoBody<T> body) {
    synchronized (this) {
      if (closed) {
        throw new TrackerStoreException("JSON store " + dir + ": closed");
      }
    }
    try {
      processLock.lock();
    } catch (IOException e) {
      throw new TrackerStoreException(
          "JSON store " + dir + ": cannot lock " + processLock.file() + ": " + e, e);
    }
    try {
      refresh();
      return body.run();
    } catch (IOException e) {
      snapshotKey = null;
      throw new TrackerStoreException("JSON store " + dir + ": " + what + " failed: " + e, e);
    } catch (RuntimeException e) {
      snapshotKey = null;
      throw e;
    } finally {
      try {
        processLock.unlock();
      } catch (IOException e) {
        throw new TrackerStoreException("JSON store " + dir + ": cannot unlock: " + e, e);
      }
    }
  }

  private static SnapshotKey keyOf(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new SnapshotKey(a.fileKey(), a.lastModifiedTime(), a.size());
    } catch (NoSuchFileException e) {
      return new SnapshotKey(null, null, -1);
    }
  }

  /** Brings the cached small state up to date with the files (holding the lock). */
  private void refresh() throws IOException {
    SnapshotKey key = keyOf(snapshotFile);
    if (!key.equals(snapshotKey) || journal.size() < journalOffset) {
      reloadSnapshot(key);
    }
    readJournal();
    verifyHistoryFiles();
  }

  private void reloadSnapshot(SnapshotKey key) throws IOException {
    if (key.size() < 0) {
      throw damaged(
          snapshotFile,
          "is missing (deleted or moved while the store was open); restore it from a backup."
              + " Nothing was written");
    }
    JsonSnapshot.Loaded loaded;
    try {
      loaded = JsonSnapshot.parse(Files.readAllBytes(snapshotFile), mapper);
    } catch (JsonSnapshot.Damage d) {
      if (d.foreign) {
        throw new TrackerStoreException(
            "JSON store " + dir + ": " + snapshotFile + " " + d.getMessage() + "; to bring in the"
                + " original bot's position_tracking.json use the import command");
      }
      throw new TrackerStoreException(
          "JSON store " + dir + ": " + snapshotFile + " is damaged: " + d.getMessage()
              + "; the file was left untouched — restore it from a backup",
          d);
    }
    accounts = loaded.accounts();
    historyBytes = loaded.historyBytes();
    recent.clear();
    generation = loaded.generation();
    journalOffset = 0;
    journalLines = 0;
    historyLinesSinceSnapshot = 0;
    snapshotKey = key;
  }

  /** Every account with recorded history must still have its whole history file. */
  private void verifyHistoryFiles() throws IOException {
    for (Map.Entry<String, Long> e : historyBytes.entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      Path file = historyPath(e.getKey());
      if (!Files.exists(file)) {
        throw damaged(
            file,
            "is missing: the store recorded " + e.getValue() + " bytes of history for account "
                + Identifiers.quote(e.getKey()) + "; restore it from a backup."
                + " Nothing was written");
      }
    }
  }

  private void readJournal() throws IOException {
    long size = journal.size();
    if (size == journalOffset) {
      return;
    }
    long firstLine = journalLines;
    long end =
        JsonLines.forward(
            journal,
            journalOffset,
            size,
            (buf, start, len, index) -> {
              JsonNode op;
              try {
                op = mapper.readTree(buf, start, len);
              } catch (JsonProcessingException e) {
                throw corrupt(journalFile, firstLine + index + 1, e.getOriginalMessage(), e);
              }
              try {
                JournalOps.apply(op, generation, accounts);
              } catch (RuntimeException e) {
                throw corrupt(journalFile, firstLine + index + 1, Objects.toString(e.getMessage(), e.toString()), e);
              }
              journalLines++;
            });
    journalOffset = end;
    if (end < size) {
      noteTornTail(journalFile, end, size);
    }
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

  private static void cutTornTail(FileChannel ch, long end) throws IOException {
    if (ch.size() > end) {
      ch.truncate(end);
      ch.force(true);
    }
  }

  private TrackerStoreException corrupt(Path file, long line, String problem, Throwable cause) {
    return new TrackerStoreException(
        "JSON store " + dir + ": " + file + " line " + line + " is damaged (" + problem
            + "); the file was left untouched — restore it from a backup or repair that line",
        cause);
  }

  private AccountState read(String account) {
    AccountState a = accounts.get(account);
    return a == null ? new AccountState() : a;
  }

  private AccountState write(String account) {
    return accounts.computeIfAbsent(account, k -> new AccountState());
  }

  private ObjectNode op(String kind, String account) {
    return JournalOps.op(generation, kind, account);
  }

  /** Appends one change to the journal, synced, then applies it to the cache. */
  private void commit(ObjectNode op) throws IOException {
    byte[] line = lineOf(op);
    long at = journalOffset;
    cutTornTail(journal, at);
    try {
      writeFully(journal, line, at);
      journal.force(false);
    } catch (IOException e) {
      rollBack(journal, at);
      throw e;
    }
    JournalOps.apply(op, generation, accounts);
    journalOffset = at + line.length;
    journalLines++;
    maybeCompact();
  }

  private byte[] lineOf(JsonNode node) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    mapper.writeValue(out, node);
    out.write('\n');
    return out.toByteArray();
  }

  private static void writeFully(FileChannel ch, byte[] bytes, long at) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long pos = at;
    while (buf.hasRemaining()) {
      pos += ch.write(buf, pos);
    }
  }

  private static void rollBack(FileChannel ch, long at) {
    try {
      ch.truncate(at);
    } catch (IOException | RuntimeException suppressed) {
      // The next operation finds and discards the torn line.
    }
  }

  // ---- history files -----------------------------------------------------------------------------

  private @Nullable FileChannel historyChannel(String account, boolean create) throws IOException {
    FileChannel ch = historyChannels.get(account);
    if (ch != null) {
      return ch;
    }
    Path file = historyPath(account);
    if (!Files.exists(file)) {
      if (!create) {
        return null;
      }
      ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      ch.force(true);
      syncDirectory(historyDir);
    } else {
      ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    historyChannels.put(account, ch);
    return ch;
  }

  /** Folds history lines other processes appended since this instance last looked. */
  private void refreshHistory(String account) throws IOException {
    long known = historyBytes.getOrDefault(account, 0L);
    FileChannel ch = historyChannel(account, false);
    if (ch == null) {
      if (known > 0) {
        verifyHistoryFiles();
      }
      return;
    }
    long size = ch.size();
    if (size < known) {
      throw new TrackerStoreException(
          "JSON store " + dir + ": " + historyPath(account) + " is shorter (" + size
              + " bytes) than the " + known + " bytes already recorded; it was truncated or"
              + " replaced outside the store");
    }
    if (size == known) {
      return;
    }
    AccountState a = write(account);
    long firstLine = a.history.count();
    Path file = historyPath(account);
    long end =
        JsonLines.forward(
            ch,
            known,
            size,
            (buf, start, len, index) -> {
              try {
                RebalanceEvent e = JsonCodec.event(mapper.readTree(buf, start, len));
                a.history.add(e);
                e.swapId().ifPresent(a.swapIds::add);
                remember(account, e);
              } catch (JsonProcessingException e) {
                throw corrupt(file, firstLine + index + 1, e.getOriginalMessage(), e);
              } catch (RuntimeException e) {
                throw corrupt(file, firstLine + index + 1, Objects.toString(e.getMessage(), e.toString()), e);
              }
              historyLinesSinceSnapshot++;
            });
    historyBytes.put(account, end);
    if (end < size) {
      noteTornTail(file, end, size);
    }
  }

  private void remember(String account, RebalanceEvent e) {
    ArrayDeque<RebalanceEvent> newest = recent.get(account);
    if (newest != null) {
      if (newest.size() == RECENT) {
        newest.removeFirst();
      }
      newest.addLast(e);
    }
  }

  private List<String> historyAccounts() throws IOException {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(historyDir, "*.jsonl")) {
      for (Path f : files) {
        String n = f.getFileName().toString();
        out.add(decodeAccount(n.substring(0, n.length() - ".jsonl".length())));
      }
    }
    return out;
  }

  private RebalanceEvent decodeLine(byte[] line, Path file, String where) {
    try {
      return JsonCodec.event(mapper.readTree(line));
    } catch (IOException | RuntimeException e) {
      throw new TrackerStoreException(
          "JSON store " + dir + ": " + file + " " + where + " is damaged (" + e.getMessage() + ")", e);
    }
  }

  // ---- compaction --------------------------------------------------------------------------------

  private void maybeCompact() throws IOException {
    if (journalLines >= compactAfter || historyLinesSinceSnapshot >= 10L * compactAfter) {
      compact();
    }
  }

  private void compact() throws IOException {
    for (String account : historyAccounts()) {
      refreshHistory(account);
    }
    deleteLeftoverTempFiles();
    writeSnapshot();
    // From here on the new snapshot is authoritative; journal lines of the old generation are
    // skipped even if the truncation below never happens.
    generation++;
    journal.truncate(0);
    journal.force(true);
    journalOffset = 0;
    journalLines = 0;
    historyLinesSinceSnapshot = 0;
    snapshotKey = keyOf(snapshotFile);
    log.atDebug()
        .setMessage(COMPACTED)
        .addKeyValue("file", snapshotFile)
        .addKeyValue("generation", generation)
        .log();
  }

  /** Writes the snapshot of generation + 1 atomically: temporary file, sync, rename, sync. */
  private void writeSnapshot() throws IOException {
    Path tmp = writeTempSnapshot();
    try {
      Files.move(tmp, snapshotFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncDirectory(dir);
  }

  /** The snapshot of generation + 1 in a synced temporary file beside the snapshot. */
  private Path writeTempSnapshot() throws IOException {
    byte[] content = JsonSnapshot.render(generation + 1, accounts, historyBytes, mapper);
    Path tmp = Files.createTempFile(dir, name + ".json.", ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      writeFully(ch, content, 0);
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  private boolean hasTempSnapshot() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name + ".json.*.tmp")) {
      return files.iterator().hasNext();
    }
  }

  private void deleteLeftoverTempFiles() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name + ".json.*.tmp")) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }

  private static void syncDirectory(Path directory) {
    try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
    }
  }

  // ---- account names in file names ---------------------------------------------------------------

  static String encodeAccount(String account) {
    if (account.isEmpty()) {
      return "%";
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : account.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
          || c == '_') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  static String decodeAccount(String encoded) {
    if (encoded.equals("%")) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%' && i + 2 < encoded.length()) {
        out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  // ---- Clause 2: entries -------------------------------------------------------------------------

  @Override
  public Optional<TrackedEntry> entry(String account, String symbol) {
    StoreArgs.account(account);
    notNull(symbol, "symbol");
    return locked("entry", () -> Optional.ofNullable(read(account).entries.get(symbol)));
  }

  @Override
  public List<TrackedEntry> entries(String account) {
    StoreArgs.account(account);
    return locked("entries", () -> List.copyOf(read(account).entries.values()));
  }

  @Override
  public void putEntry(String account, TrackedEntry entry) {
    StoreArgs.account(account);
    notNull(entry, "entry");
    lockedStep(
        "putEntry",
        () -> {
          ObjectNode op = op("putEntry", account);
          op.set("entry", JsonCodec.entry(entry));
          commit(op);
        });
  }

  @Override
  public boolean removeEntry(String account, String symbol) {
    StoreArgs.account(account);
    notNull(symbol, "symbol");
    return locked(
        "removeEntry",
        () -> {
          if (!read(account).entries.containsKey(symbol)) {
            return false;
          }
          commit(op("removeEntry", account).put("symbol", symbol));
          return true;
        });
  }

  // ---- Clause 3: locks ---------------------------------------------------------------------------

  @Override
  public List<PositionLock> locks(String account) {
    StoreArgs.account(account);
    return locked("locks", () -> List.copyOf(read(account).locks.values()));
  }

  @Override
  public void putLock(String account, PositionLock lock) {
    StoreArgs.account(account);
    notNull(lock, "lock");
    lockedStep(
        "putLock",
        () -> {
          ObjectNode op = op("putLock", account);
          op.set("lock", JsonCodec.lock(lock));
          commit(op);
        });
  }

  @Override
  public boolean removeLock(String account, String symbol) {
    StoreArgs.account(account);
    notNull(symbol, "symbol");
    return locked(
        "removeLock",
        () -> {
          if (!read(account).locks.containsKey(symbol)) {
            return false;
          }
          commit(op("removeLock", account).put("symbol", symbol));
          return true;
        });
  }

  @Override
  public int removeAllLocks(String account) {
    StoreArgs.account(account);
    return locked(
        "removeAllLocks",
        () -> {
          int n = read(account).locks.size();
          if (n > 0) {
            commit(op("removeAllLocks", account));
          }
          return n;
        });
  }

  // ---- Clause 4: history -------------------------------------------------------------------------

  @Override
  public boolean appendHistory(String account, RebalanceEvent event) {
    StoreArgs.account(account);
    notNull(event, "event");
    return locked(
        "appendHistory",
        () -> {
          refreshHistory(account);
          if (event.swapId().isPresent() && read(account).swapIds.contains(event.swapId().get())) {
            return false;
          }
          byte[] line = lineOf(JsonCodec.event(event));
          boolean firstEvent = !historyBytes.containsKey(account) || historyBytes.get(account) == 0;
          FileChannel ch = Objects.requireNonNull(historyChannel(account, true), "created");
          long at = historyBytes.getOrDefault(account, 0L);
          cutTornTail(ch, at);
          try {
            writeFully(ch, line, at);
            ch.force(false);
          } catch (IOException e) {
            rollBack(ch, at);
            throw e;
          }
          AccountState a = write(account);
          a.history.add(event);
          event.swapId().ifPresent(a.swapIds::add);
          remember(account, event);
          historyBytes.put(account, at + line.length);
          if (firstEvent) {
            // The snapshot learns the account has a history file, so losing the file is damage
            // that the next open reports, not an empty history.
            compact();
          }
          return true;
        });
  }

  @Override
  public List<RebalanceEvent> history(String account, int limit, int offset) {
    StoreArgs.account(account);
    StoreArgs.page(limit, offset);
    return locked(
        "history",
        () -> {
          refreshHistory(account);
          AccountState a = read(account);
          long count = a.history.count();
          if (limit == 0 || offset >= count) {
            return List.of();
          }
          FileChannel ch = historyChannel(account, false);
          if (ch == null) {
            throw damaged(historyPath(account), "is missing but the store counts " + count + " events");
          }
          long end = historyBytes.getOrDefault(account, 0L);
          Path file = historyPath(account);
          if (a.history.inTimeOrder() && (long) offset + limit <= RECENT) {
            ArrayDeque<RebalanceEvent> newest = recent.get(account);
            if (newest == null) {
              newest = new ArrayDeque<>(RECENT);
              List<byte[]> lines = JsonLines.backward(ch, 0, end, 0, RECENT);
              for (int i = 0; i < lines.size(); i++) {
                newest.addFirst(decodeLine(lines.get(i), file, "line " + (count - i)));
              }
              recent.put(account, newest);
            }
            List<RebalanceEvent> out = new ArrayList<>(Math.min(limit, newest.size()));
            Iterator<RebalanceEvent> it = newest.descendingIterator();
            for (int skipped = 0; skipped < offset && it.hasNext(); skipped++) {
              it.next();
            }
            while (it.hasNext() && out.size() < limit) {
              out.add(it.next());
            }
            return List.copyOf(out);
          }
          if (a.history.inTimeOrder()) {
            List<byte[]> lines = JsonLines.backward(ch, 0, end, offset, limit);
            List<RebalanceEvent> out = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
              out.add(decodeLine(lines.get(i), file, "line " + (count - offset - i)));
            }
            return List.copyOf(out);
          }
          // Appended out of time order at some point: sort the whole history (rare; O(n log n)).
          List<RebalanceEvent> all = new ArrayList<>((int) Math.min(count, Integer.MAX_VALUE));
          JsonLines.forward(
              ch, 0, end, (buf, s, len, index) -> {
                byte[] line = Arrays.copyOfRange(buf, s, s + len);
                all.add(decodeLine(line, file, "line " + (index + 1)));
              });
          List<Integer> order = new ArrayList<>(all.size());
          for (int i = 0; i < all.size(); i++) {
            order.add(i);
          }
          order.sort(
              Comparator.<Integer, Instant>comparing(i -> all.get(i).timestamp())
                  .thenComparing(i -> i)
                  .reversed());
          List<RebalanceEvent> out = new ArrayList<>();
          for (int i = offset; i < order.size() && out.size() < limit; i++) {
            out.add(all.get(order.get(i)));
          }
          return List.copyOf(out);
        });
  }

  @Override
  public HistoryStats historyStats(String account) {
    StoreArgs.account(account);
    return locked(
        "historyStats",
        () -> {
          refreshHistory(account);
          return read(account).history.stats();
        });
  }

  // ---- Clause 5: cooldown ------------------------------------------------------------------------

  @Override
  public Optional<Instant> lastRebalance(String account) {
    StoreArgs.account(account);
    return locked("lastRebalance", () -> read(account).lastRebalance());
  }

  @Override
  public boolean claimRebalance(String account, Instant at, Duration cooldown) {
    StoreArgs.account(account);
    notNull(at, "at");
    StoreArgs.cooldown(cooldown);
    return locked(
        "claimRebalance",
        () -> {
          if (!read(account).claimAllowed(at, cooldown)) {
            return false;
          }
          commit(op("lastRebalance", account).put("at", at.toString()));
          return true;
        });
  }

  @Override
  public void setLastRebalance(String account, Instant at) {
    StoreArgs.account(account);
    notNull(at, "at");
    lockedStep(
        "setLastRebalance",
        () -> {
          commit(op("lastRebalance", account).put("at", at.toString()));
        });
  }

  // ---- Clause 6: intents -------------------------------------------------------------------------

  @Override
  public void putIntent(String account, SwapIntent intent) {
    StoreArgs.account(account);
    notNull(intent, "intent");
    lockedStep(
        "putIntent",
        () -> {
          ObjectNode op = op("putIntent", account);
          op.set("intent", JsonCodec.intent(intent));
          commit(op);
        });
  }

  @Override
  public Optional<SwapIntent> intent(String account, String id) {
    StoreArgs.account(account);
    notNull(id, "id");
    return locked("intent", () -> Optional.ofNullable(read(account).intents.get(id)));
  }

  @Override
  public List<SwapIntent> openIntents(String account) {
    StoreArgs.account(account);
    return locked("openIntents", () -> read(account).openIntents());
  }

  // ---- Clauses 9 and 10: fills --------------------------------------------------------------------

  @Override
  public boolean applyFill(String account, String fillId, EntryChange change) {
    StoreArgs.account(account);
    StoreArgs.fillId(fillId);
    notNull(change, "change");
    return locked(
        "applyFill",
        () -> {
          if (read(account).fills.contains(fillId)) {
            return false;
          }
          // One journal line carries the fill id and the change: a crash keeps both or neither.
          ObjectNode op = op("applyFill", account).put("fillId", fillId);
          change.put().ifPresent(e -> op.set("put", JsonCodec.entry(e)));
          change.remove().ifPresent(symbol -> op.put("remove", symbol));
          commit(op);
          return true;
        });
  }

  @Override
  public boolean fillApplied(String account, String fillId) {
    StoreArgs.account(account);
    notNull(fillId, "fillId");
    return locked("fillApplied", () -> read(account).fills.contains(fillId));
  }

  @Override
  public Optional<Instant> fillWatermark(String account) {
    StoreArgs.account(account);
    return locked("fillWatermark", () -> Optional.ofNullable(read(account).fillWatermark));
  }

  @Override
  public Instant advanceFillWatermark(String account, Instant to) {
    StoreArgs.account(account);
    notNull(to, "to");
    return locked(
        "advanceFillWatermark",
        () -> {
          Instant now = read(account).fillWatermark;
          if (now != null && !to.isAfter(now)) {
            return now;
          }
          commit(op("fillWatermark", account).put("at", to.toString()));
          return to;
        });
  }

  /**
   * Compacts the journal into a new snapshot now (it also happens on its own every {@link
   * Builder#compactAfter} changes).
   *
   * @throws TrackerStoreException if writing fails
   */
  public void compactNow() {
    lockedStep(
        "compact",
        () -> {
          compact();
        });
  }

  @Override
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
        for (FileChannel ch : historyChannels.values()) {
          ch.close();
        }
        historyChannels.clear();
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
      throw new TrackerStoreException("JSON store " + dir + ": close failed: " + failure, failure);
    }
  }

  private static void closeQuietly(@Nullable FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // Nothing more to do while failing to open.
      }
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

  @Override
  public String toString() {
    return "JsonFileTrackerStore[" + snapshotFile + "]";
  }
}
