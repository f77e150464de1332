package dev.rebalance.core.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rebalance.api.TrackerStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The snapshot file of a JSON file store ({@code NAME.json}, the format of {@link JsonSnapshot}):
 * loads it with errors that say what to do, writes a new one atomically (temporary file, sync,
 * rename, sync), and refuses to open a store whose snapshot, journal or history was lost. Remembers
 * the identity of the file it last loaded, so the store reloads only when another process replaced
 * it.
 *
 * <p>Not thread-safe: the store calls it holding its lock.
 */
public final class SnapshotFile {
  private final StoreLayout layout;
  private final ObjectMapper mapper;
  private @Nullable Key loaded;

  /** The identity of a snapshot file: a replaced file has another key. */
  public record Key(@Nullable Object fileKey, @Nullable FileTime modified, long size) {}

  /**
   * @param layout the store's files
   * @param mapper the store's mapper
   */
  public SnapshotFile(StoreLayout layout, ObjectMapper mapper) {
    this.layout = layout;
    this.mapper = mapper;
  }

  /** The key of the file now on disk; a missing file has size -1. */
  public Key key() throws IOException {
    try {
      BasicFileAttributes a =
          Files.readAttributes(layout.snapshotFile(), BasicFileAttributes.class);
      return new Key(a.fileKey(), a.lastModifiedTime(), a.size());
    } catch (NoSuchFileException e) {
      return new Key(null, null, -1);
    }
  }

  /** Whether {@code key} is the file last loaded or written. */
  public boolean isLoaded(Key key) {
    return key.equals(loaded);
  }

  /** Marks the file on disk as loaded (after this store wrote it). */
  public void markLoaded() throws IOException {
    loaded = key();
  }

  /** Forgets the loaded file, so the next refresh reloads it (after a failed operation). */
  public void forget() {
    loaded = null;
  }

  /**
   * Loads the snapshot whose key is {@code key}.
   *
   * @param key the key just read
   * @return the snapshot's content
   * @throws IOException if reading fails
   * @throws TrackerStoreException if the file is missing, damaged or not a store's snapshot
   */
  public JsonSnapshot.Loaded load(Key key) throws IOException {
    Path file = layout.snapshotFile();
    if (key.size() < 0) {
      throw layout.damaged(
          file,
          "is missing (deleted or moved while the store was open); restore it from a backup."
              + " Nothing was written");
    }
    JsonSnapshot.Loaded content;
    try {
      content = JsonSnapshot.parse(Files.readAllBytes(file), mapper);
    } catch (JsonSnapshot.Damage d) {
      if (d.foreign) {
        throw new TrackerStoreException(
            "JSON store "
                + layout.dir()
                + ": "
                + file
                + " "
                + d.getMessage()
                + "; to bring in the"
                + " original bot's position_tracking.json use the import command");
      }
      throw new TrackerStoreException(
          "JSON store "
              + layout.dir()
              + ": "
              + file
              + " is damaged: "
              + d.getMessage()
              + "; the file was left untouched — restore it from a backup",
          d);
    }
    loaded = key;
    return content;
  }

  /**
   * Writes the snapshot of {@code generation} atomically over the old one.
   *
   * @param generation the new snapshot's generation
   * @param accounts the state
   * @param historyBytes each account's history length in bytes
   * @throws IOException if writing fails; the old snapshot is then still in place
   */
  public void replace(
      long generation, Map<String, AccountState> accounts, Map<String, Long> historyBytes)
      throws IOException {
    Path tmp = writeTemp(generation, accounts, historyBytes);
    try {
      Files.move(
          tmp,
          layout.snapshotFile(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    StoreLayout.syncDirectory(layout.dir());
  }

  /**
   * The snapshot of {@code generation} in a synced temporary file beside the snapshot.
   *
   * @param generation the snapshot's generation
   * @param accounts the state
   * @param historyBytes each account's history length in bytes
   * @return the temporary file
   * @throws IOException if writing fails; the temporary file is then deleted
   */
  public Path writeTemp(
      long generation, Map<String, AccountState> accounts, Map<String, Long> historyBytes)
      throws IOException {
    byte[] content = JsonSnapshot.render(generation, accounts, historyBytes, mapper);
    Path tmp = layout.newTempSnapshot();
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      JsonLines.writeFully(ch, content, 0);
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  /**
   * Renames a new store's first snapshot into place, once its journal exists.
   *
   * @param tmp the file from {@link #writeTemp}
   * @throws IOException if renaming fails
   */
  public void install(Path tmp) throws IOException {
    StoreLayout.syncDirectory(layout.historyDir());
    StoreLayout.syncDirectory(layout.dir());
    Files.move(
        tmp,
        layout.snapshotFile(),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    StoreLayout.syncDirectory(layout.dir());
    deleteLeftoverTemps();
  }

  /** Deletes temporary snapshots left by a crash. */
  public void deleteLeftoverTemps() throws IOException {
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(layout.dir(), layout.tempSnapshotGlob())) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }

  private boolean hasTemp() throws IOException {
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(layout.dir(), layout.tempSnapshotGlob())) {
      return files.iterator().hasNext();
    }
  }

  /**
   * Refuses a store without a snapshot that is not new: its journal or a history file holds data,
   * so the snapshot was lost (writing a new, emptier one would make the loss permanent). An empty
   * journal beside a temporary snapshot is a creation that crashed before its rename, and is new.
   *
   * @throws IOException if the files cannot be read
   * @throws TrackerStoreException if the snapshot was lost
   */
  public void refuseLost() throws IOException {
    Path journalFile = layout.journalFile();
    if (Files.exists(journalFile) && !(Files.size(journalFile) == 0 && hasTemp())) {
      throw layout.damaged(
          layout.snapshotFile(),
          "is missing but the journal "
              + journalFile
              + " exists ("
              + Files.size(journalFile)
              + " bytes): the store's snapshot was deleted or moved; restore it from a backup."
              + " Nothing was written");
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.historyDir(), "*.jsonl")) {
      for (Path f : files) {
        if (Files.size(f) > 0) {
          throw layout.damaged(
              layout.snapshotFile(),
              "is missing but the history file "
                  + f
                  + " holds events: the store's snapshot was"
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
   *
   * @throws IOException if the files cannot be read
   * @throws TrackerStoreException if the snapshot has no journal
   */
  public void refuseWithoutJournal() throws IOException {
    Path snapshotFile = layout.snapshotFile();
    Path journalFile = layout.journalFile();
    if (!Files.isRegularFile(snapshotFile) || Files.exists(journalFile)) {
      return;
    }
    boolean looksLikeStore;
    try {
      JsonNode root = mapper.readTree(snapshotFile.toFile());
      looksLikeStore =
          root != null && root.isObject() && root.has("generation") && root.has("accounts");
    } catch (IOException notJson) {
      looksLikeStore = false;
    }
    if (!looksLikeStore) {
      throw new TrackerStoreException(
          "JSON store "
              + layout.dir()
              + ": "
              + snapshotFile
              + " is not a Rebalance store (no"
              + " \"generation\" and \"accounts\"); give a new path or a store's directory. Nothing"
              + " was written");
    }
    throw layout.damaged(
        journalFile,
        "is missing next to the snapshot "
            + snapshotFile
            + " (every store has one; the changes since the last compaction are lost)."
            + " Nothing was written");
  }
}
