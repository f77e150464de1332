package dev.rebalance.core.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;

/**
 * The journal of a JSON file store ({@code NAME.journal.jsonl}): one JSON line per change to the
 * small state since the snapshot (see {@link JournalOps}), synced before a write returns. Remembers
 * how far it has read, so each refresh applies only the lines other processes appended since.
 *
 * <p>Not thread-safe: the store calls it holding its lock.
 */
public final class Journal implements Closeable {
  private final StoreLayout layout;
  private final ObjectMapper mapper;
  private final JsonLines.TornTailListener tornTails;
  private final FileChannel channel;
  private long offset;
  private long lines;

  private Journal(
      StoreLayout layout,
      ObjectMapper mapper,
      JsonLines.TornTailListener tornTails,
      FileChannel channel) {
    this.layout = layout;
    this.mapper = mapper;
    this.tornTails = tornTails;
    this.channel = channel;
  }

  /**
   * Opens (creating if needed) the journal of {@code layout}.
   *
   * @param layout the store's files
   * @param mapper the store's mapper
   * @param tornTails told of a torn last line
   * @return the journal, read from its start on the first {@link #readNew}
   * @throws IOException if the file cannot be opened
   */
  public static Journal open(
      StoreLayout layout, ObjectMapper mapper, JsonLines.TornTailListener tornTails)
      throws IOException {
    FileChannel ch =
        FileChannel.open(
            layout.journalFile(),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    return new Journal(layout, mapper, tornTails, ch);
  }

  /** Whether the file is shorter than what was read: a compaction by another process. */
  public boolean shrunk() throws IOException {
    return channel.size() < offset;
  }

  /** Forgets what was read: the next {@link #readNew} starts at the first line. */
  public void rewind() {
    offset = 0;
    lines = 0;
  }

  /** How many lines were read or written since the snapshot. */
  public long lines() {
    return lines;
  }

  /**
   * Applies the lines appended since the last read to {@code accounts}.
   *
   * @param generation the snapshot's generation; lines of older generations are skipped
   * @param accounts the cached state
   * @throws IOException if reading fails, or a line other than the last is damaged (as a {@link
   *     dev.rebalance.api.TrackerStoreException})
   */
  public void readNew(long generation, Map<String, AccountState> accounts) throws IOException {
    long size = channel.size();
    if (size == offset) {
      return;
    }
    Path file = layout.journalFile();
    long firstLine = lines;
    long end =
        JsonLines.forward(
            channel,
            offset,
            size,
            (buf, start, len, index) -> {
              JsonNode op;
              try {
                op = mapper.readTree(buf, start, len);
              } catch (JsonProcessingException e) {
                throw layout.corrupt(file, firstLine + index + 1, e.getOriginalMessage(), e);
              }
              try {
                JournalOps.apply(op, generation, accounts);
              } catch (RuntimeException e) {
                throw layout.corrupt(
                    file, firstLine + index + 1, Objects.toString(e.getMessage(), e.toString()), e);
              }
              lines++;
            });
    offset = end;
    if (end < size) {
      tornTails.tornTail(file, end, size);
    }
  }

  /**
   * Appends one change, synced, then applies it to {@code accounts}.
   *
   * @param op the change (see {@link JournalOps#op})
   * @param generation the snapshot's generation
   * @param accounts the cached state
   * @throws IOException if writing fails; the state is then unchanged
   */
  public void append(ObjectNode op, long generation, Map<String, AccountState> accounts)
      throws IOException {
    byte[] line = JsonLines.lineOf(mapper, op);
    long at = offset;
    JsonLines.append(channel, line, at);
    JournalOps.apply(op, generation, accounts);
    offset = at + line.length;
    lines++;
  }

  /** Empties the journal, synced, after a new snapshot holds its changes. */
  public void clear() throws IOException {
    channel.truncate(0);
    channel.force(true);
    rewind();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
