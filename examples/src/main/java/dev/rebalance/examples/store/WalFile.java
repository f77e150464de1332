package dev.rebalance.examples.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.core.json.RebalanceJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The write-ahead log file of a {@link WalTrackerStore}: one JSON object per line, each append
 * forced to disk before it returns. The file is locked for the lifetime of the instance, so one
 * process at a time uses it. A torn last line (a crash in the middle of a write) is ignored when
 * replaying and cut off by the next append.
 *
 * <p>Not thread-safe: the store calls it holding its own lock.
 */
final class WalFile {
  private static final ObjectMapper JSON = RebalanceJson.json();

  /** Applies one replayed operation. */
  @FunctionalInterface
  interface Replay {
    /**
     * @param op the operation
     * @param lineNo its line number, from 1, for error messages
     */
    void apply(JsonNode op, int lineNo);
  }

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private long valid; // the end of the last complete line

  private WalFile(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Opens (creating if needed) and locks the log.
   *
   * @param file the log file
   * @return the open log, not yet replayed
   * @throws TrackerStoreException if the file cannot be opened or is in use
   */
  static WalFile open(Path file) {
    FileChannel channel;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new TrackerStoreException(
          "cannot open write-ahead log " + file + ": " + e.getMessage(), e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        closeQuietly(channel);
        throw new TrackerStoreException(
            "write-ahead log " + file + " is in use by another process");
      }
      return new WalFile(file, channel, lock);
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new TrackerStoreException(
          "write-ahead log " + file + " is in use: " + e.getMessage(), e);
    }
  }

  /**
   * Reads every complete line and hands it to {@code replay}; leaves the file positioned after the
   * last complete line.
   *
   * @param replay applies each operation
   * @throws TrackerStoreException if the file cannot be read or a complete line is damaged (the
   *     file is then left untouched)
   */
  void replay(Replay replay) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TrackerStoreException(
          "cannot read write-ahead log " + file + ": " + e.getMessage(), e);
    }
    int start = 0;
    int lineNo = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] != '\n') {
        continue;
      }
      lineNo++;
      JsonNode op;
      try {
        op = JSON.readTree(all, start, i - start);
      } catch (IOException damaged) {
        // A complete line that does not parse is damage, not a torn write: report it, change
        // nothing.
        throw new TrackerStoreException(
            "write-ahead log "
                + file
                + " line "
                + lineNo
                + " is damaged ("
                + damaged.getMessage()
                + "); the file was left untouched",
            damaged);
      }
      replay.apply(op, lineNo);
      start = i + 1;
    }
    // Bytes after the last newline are a torn last write (never acknowledged): ignored here, and
    // overwritten by the next append, which starts at the end of the last complete line.
    try {
      channel.position(start);
      valid = start;
    } catch (IOException e) {
      throw new TrackerStoreException(
          "cannot read write-ahead log " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Appends {@code op} as one line and forces it to disk; on failure the log is as it was.
   *
   * @param op the operation
   * @throws TrackerStoreException if the write fails
   */
  void append(ObjectNode op) {
    try {
      byte[] bytes = (JSON.writeValueAsString(op) + "\n").getBytes(StandardCharsets.UTF_8);
      long start = valid;
      if (channel.size() > start) {
        channel.truncate(start); // cut a torn last write before appending
      }
      channel.position(start);
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      try {
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
        channel.force(false);
        valid = start + bytes.length;
      } catch (IOException e) {
        channel.truncate(start); // leave the log as it was: the change did not happen
        channel.position(start);
        throw e;
      }
    } catch (IOException e) {
      throw new TrackerStoreException(
          "cannot write to write-ahead log " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Releases the lock and closes the file.
   *
   * @throws TrackerStoreException if closing fails
   */
  void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new TrackerStoreException(
          "cannot close write-ahead log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Closes the file while already failing; the first error is the one reported. */
  void closeQuietly() {
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing; the first error is the one reported
    }
  }
}
