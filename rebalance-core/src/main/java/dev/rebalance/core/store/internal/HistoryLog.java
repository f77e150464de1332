package dev.rebalance.core.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackerStoreException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.jspecify.annotations.Nullable;

/**
 * The history files of a JSON file store ({@code NAME.history/ACCOUNT.jsonl}): each account's
 * rebalance events, one per line, append-only, synced per append. Knows how many bytes of each file
 * the store has taken in (recorded in the snapshot, so a lost or truncated file is damage), folds
 * in the lines other processes appended since, and reads pages newest first backwards from the end
 * of the file, keeping the newest events of each account in memory.
 *
 * <p>Not thread-safe: the store calls it holding its lock.
 */
public final class HistoryLog implements Closeable {
  // The newest history events per account (oldest first), up to RECENT; absent until first read.
  private static final int RECENT = 256;

  private final StoreLayout layout;
  private final ObjectMapper mapper;
  private final JsonLines.TornTailListener tornTails;
  private final Map<String, FileChannel> channels = new HashMap<>();
  private final Map<String, ArrayDeque<RebalanceEvent>> recent = new HashMap<>();
  private Map<String, Long> bytes = new HashMap<>();
  private long linesSinceSnapshot;

  /**
   * @param layout the store's files
   * @param mapper the store's mapper
   * @param tornTails told of a torn last line
   */
  public HistoryLog(StoreLayout layout, ObjectMapper mapper, JsonLines.TornTailListener tornTails) {
    this.layout = layout;
    this.mapper = mapper;
    this.tornTails = tornTails;
  }

  /**
   * Starts again from a snapshot's record of each account's history length.
   *
   * @param historyBytes the lengths in bytes, by account; kept and updated
   */
  public void reset(Map<String, Long> historyBytes) {
    bytes = historyBytes;
    recent.clear();
    linesSinceSnapshot = 0;
  }

  /** Each account's history length in bytes, as the next snapshot records it. */
  public Map<String, Long> bytes() {
    return bytes;
  }

  /** How many lines of other processes were folded in since the snapshot. */
  public long linesSinceSnapshot() {
    return linesSinceSnapshot;
  }

  /** Notes that a new snapshot records the current lengths. */
  public void snapshotTaken() {
    linesSinceSnapshot = 0;
  }

  /** Every account with recorded history must still have its whole history file. */
  public void verifyFiles() throws IOException {
    for (Map.Entry<String, Long> e : bytes.entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      Path file = layout.historyFile(e.getKey());
      if (!Files.exists(file)) {
        throw layout.damaged(
            file,
            "is missing: the store recorded "
                + e.getValue()
                + " bytes of history for account "
                + Identifiers.quote(e.getKey())
                + "; restore it from a backup."
                + " Nothing was written");
      }
    }
  }

  /**
   * Folds history lines other processes appended since this instance last looked.
   *
   * @param account the account
   * @param accounts the cached state, whose account gets the events
   * @throws IOException if reading fails
   */
  public void refresh(String account, Map<String, AccountState> accounts) throws IOException {
    long known = bytes.getOrDefault(account, 0L);
    FileChannel ch = channel(account, false);
    if (ch == null) {
      if (known > 0) {
        verifyFiles();
      }
      return;
    }
    long size = ch.size();
    if (size < known) {
      throw new TrackerStoreException(
          "JSON store "
              + layout.dir()
              + ": "
              + layout.historyFile(account)
              + " is shorter ("
              + size
              + " bytes) than the "
              + known
              + " bytes already recorded; it was truncated or"
              + " replaced outside the store");
    }
    if (size == known) {
      return;
    }
    AccountState a = accounts.computeIfAbsent(account, k -> new AccountState());
    long firstLine = a.history.count();
    Path file = layout.historyFile(account);
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
                throw layout.corrupt(file, firstLine + index + 1, e.getOriginalMessage(), e);
              } catch (RuntimeException e) {
                throw layout.corrupt(
                    file, firstLine + index + 1, Objects.toString(e.getMessage(), e.toString()), e);
              }
              linesSinceSnapshot++;
            });
    bytes.put(account, end);
    if (end < size) {
      tornTails.tornTail(file, end, size);
    }
  }

  /**
   * Folds in every account's new lines.
   *
   * @param accounts the cached state
   * @throws IOException if reading fails
   */
  public void refreshAll(Map<String, AccountState> accounts) throws IOException {
    for (String account : layout.historyAccounts()) {
      refresh(account, accounts);
    }
  }

  /**
   * Appends one event, synced, and adds it to the account's state.
   *
   * @param account the account
   * @param event the event
   * @param accounts the cached state, whose account gets the event
   * @return whether it is the account's first event (the snapshot must then learn of the file)
   * @throws IOException if writing fails; nothing is added then
   */
  public boolean append(String account, RebalanceEvent event, Map<String, AccountState> accounts)
      throws IOException {
    byte[] line = JsonLines.lineOf(mapper, JsonCodec.event(event));
    boolean firstEvent = !bytes.containsKey(account) || bytes.get(account) == 0;
    FileChannel ch = Objects.requireNonNull(channel(account, true), "created history channel");
    long at = bytes.getOrDefault(account, 0L);
    JsonLines.append(ch, line, at);
    AccountState a = accounts.computeIfAbsent(account, k -> new AccountState());
    a.history.add(event);
    event.swapId().ifPresent(a.swapIds::add);
    remember(account, event);
    bytes.put(account, at + line.length);
    return firstEvent;
  }

  /**
   * One page of an account's history, newest first by timestamp, latest append first among equal
   * timestamps.
   *
   * @param account the account, refreshed
   * @param a its state
   * @param limit at most this many events
   * @param offset skipping this many
   * @return the events
   * @throws IOException if reading fails
   */
  public List<RebalanceEvent> page(String account, AccountState a, int limit, int offset)
      throws IOException {
    long count = a.history.count();
    if (limit == 0 || offset >= count) {
      return List.of();
    }
    FileChannel ch = channel(account, false);
    Path file = layout.historyFile(account);
    if (ch == null) {
      throw layout.damaged(file, "is missing but the store counts " + count + " events");
    }
    long end = bytes.getOrDefault(account, 0L);
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
        ch,
        0,
        end,
        (buf, s, len, index) -> {
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
  }

  private @Nullable FileChannel channel(String account, boolean create) throws IOException {
    FileChannel ch = channels.get(account);
    if (ch != null) {
      return ch;
    }
    Path file = layout.historyFile(account);
    if (!Files.exists(file)) {
      if (!create) {
        return null;
      }
      ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      ch.force(true);
      StoreLayout.syncDirectory(layout.historyDir());
    } else {
      ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    channels.put(account, ch);
    return ch;
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

  private RebalanceEvent decodeLine(byte[] line, Path file, String where) {
    try {
      return JsonCodec.event(mapper.readTree(line));
    } catch (IOException | RuntimeException e) {
      throw new TrackerStoreException(
          "JSON store "
              + layout.dir()
              + ": "
              + file
              + " "
              + where
              + " is damaged ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** Closes every history file. */
  @Override
  public void close() throws IOException {
    for (FileChannel ch : channels.values()) {
      ch.close();
    }
    channels.clear();
  }
}
