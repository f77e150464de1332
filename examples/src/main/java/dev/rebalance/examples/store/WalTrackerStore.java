package dev.rebalance.examples.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.rebalance.core.json.RebalanceJson;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link TrackerStore} a user could write in an afternoon: all state lives in maps, and every
 * change is first appended to a write-ahead log file ({@link WalFile}: one JSON object per line,
 * forced to disk) and only then applied to the maps. Opening the store replays the log. A torn last
 * line (a crash in the middle of a write) is ignored, so the store always reopens at the last
 * complete write.
 *
 * <p>It is an example, not a production store: the log only grows (no compaction), and the file is
 * locked for the lifetime of the instance, so one process at a time uses it (a second open fails
 * with a {@link TrackerStoreException}); the cooldown claim is atomic between the threads of that
 * process. Use the built-in SQLite or PostgreSQL stores for anything shared.
 *
 * <p>Thread-safe: every operation synchronizes on the store.
 */
public final class WalTrackerStore implements TrackerStore {
  private static final ObjectMapper JSON = RebalanceJson.json();

  private final Path file;
  private final WalFile log;
  private final Map<String, Account> accounts = new HashMap<>();
  private boolean closed;

  /** One account's state. */
  private static final class Account {
    final TreeMap<String, TrackedEntry> entries = new TreeMap<>();
    final TreeMap<String, PositionLock> locks = new TreeMap<>();
    final List<RebalanceEvent> history = new ArrayList<>(); // insertion order
    final Map<String, SwapIntent> intents = new HashMap<>();
    Optional<Instant> lastRebalance = Optional.empty();
    final Set<String> fills = new HashSet<>();
    final Set<String> swapIds = new HashSet<>();
    Optional<Instant> fillWatermark = Optional.empty();

    boolean isEmpty() {
      return entries.isEmpty()
          && locks.isEmpty()
          && history.isEmpty()
          && intents.isEmpty()
          && lastRebalance.isEmpty()
          && fills.isEmpty()
          && fillWatermark.isEmpty();
    }
  }

  private WalTrackerStore(Path file) {
    this.file = file;
    this.log = WalFile.open(file);
    try {
      log.replay(this::apply);
    } catch (RuntimeException e) {
      log.closeQuietly();
      throw e;
    }
  }

  /**
   * Opens (creating if needed) the store whose log is {@code file}.
   *
   * @param file the log file
   * @return the store, with the log replayed
   * @throws TrackerStoreException if the file cannot be opened or is in use
   */
  public static WalTrackerStore open(Path file) {
    return new WalTrackerStore(Objects.requireNonNull(file, "file"));
  }

  // ---- the log ----------------------------------------------------------------------------------

  /** Appends {@code op} to the log, forced to disk, and only then applies it to the maps. */
  private void append(ObjectNode op) {
    if (closed) {
      throw new TrackerStoreException("store " + file + " is closed");
    }
    log.append(op);
    apply(op, -1);
  }

  /** The one account-id rule, checked before anything is read or written (SPI clause 1). */
  private static String checkAccount(String account) {
    Objects.requireNonNull(account, "account");
    return Identifiers.checkAccountId("account", account);
  }

  private ObjectNode op(String name, String account) {
    checkAccount(account);
    ObjectNode n = JSON.createObjectNode();
    n.put("op", name);
    n.put("account", account);
    return n;
  }

  private void apply(JsonNode op, int lineNo) {
    Account a = accounts.computeIfAbsent(op.path("account").asText(), k -> new Account());
    String name = op.path("op").asText();
    try {
      switch (name) {
        case "putEntry" -> {
          TrackedEntry e = WalCodec.entry(op.get("value"));
          a.entries.put(e.symbol(), e);
        }
        case "removeEntry" -> a.entries.remove(op.get("symbol").asText());
        case "putLock" -> {
          PositionLock l = WalCodec.lock(op.get("value"));
          a.locks.put(l.symbol(), l);
        }
        case "removeLock" -> a.locks.remove(op.get("symbol").asText());
        case "removeAllLocks" -> a.locks.clear();
        case "appendHistory" -> {
          RebalanceEvent e = WalCodec.event(op.get("value"));
          a.history.add(e);
          e.swapId().ifPresent(a.swapIds::add);
        }
        case "applyFill" -> {
          JsonNode put = op.get("put");
          if (put != null) {
            TrackedEntry e = WalCodec.entry(put);
            a.entries.put(e.symbol(), e);
          }
          if (op.hasNonNull("remove")) {
            a.entries.remove(op.get("remove").asText());
          }
          a.fills.add(op.get("fillId").asText());
        }
        case "fillWatermark" -> a.fillWatermark = Optional.of(Instant.parse(op.get("at").asText()));
        case "setLastRebalance" ->
            a.lastRebalance = Optional.of(Instant.parse(op.get("at").asText()));
        case "putIntent" -> {
          SwapIntent i = WalCodec.intent(op.get("value"));
          a.intents.put(i.id(), i);
        }
        default -> throw new IllegalArgumentException("unknown operation '" + name + "'");
      }
    } catch (RuntimeException e) {
      throw new TrackerStoreException(
          "write-ahead log "
              + file
              + (lineNo > 0 ? " line " + lineNo : "")
              + " is invalid: "
              + e.getMessage(),
          e);
    }
  }

  private Account account(String account) {
    checkAccount(account);
    return accounts.getOrDefault(account, new Account());
  }

  // ---- entries ----------------------------------------------------------------------------------

  @Override
  public synchronized Optional<TrackedEntry> entry(String account, String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    return Optional.ofNullable(account(account).entries.get(symbol));
  }

  @Override
  public synchronized List<TrackedEntry> entries(String account) {
    return List.copyOf(account(account).entries.values());
  }

  @Override
  public synchronized void putEntry(String account, TrackedEntry entry) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(entry, "entry");
    append((ObjectNode) op("putEntry", account).set("value", WalCodec.entry(entry)));
  }

  @Override
  public synchronized boolean removeEntry(String account, String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    if (!account(account).entries.containsKey(symbol)) {
      return false;
    }
    append(op("removeEntry", account).put("symbol", symbol));
    return true;
  }

  // ---- locks ------------------------------------------------------------------------------------

  @Override
  public synchronized List<PositionLock> locks(String account) {
    return List.copyOf(account(account).locks.values());
  }

  @Override
  public synchronized void putLock(String account, PositionLock lock) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(lock, "lock");
    append((ObjectNode) op("putLock", account).set("value", WalCodec.lock(lock)));
  }

  @Override
  public synchronized boolean removeLock(String account, String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    if (!account(account).locks.containsKey(symbol)) {
      return false;
    }
    append(op("removeLock", account).put("symbol", symbol));
    return true;
  }

  @Override
  public synchronized int removeAllLocks(String account) {
    int n = account(account).locks.size();
    if (n > 0) {
      append(op("removeAllLocks", account));
    }
    return n;
  }

  // ---- history ----------------------------------------------------------------------------------

  @Override
  public synchronized boolean appendHistory(String account, RebalanceEvent event) {
    checkAccount(account);
    Objects.requireNonNull(event, "event");
    if (event.swapId().isPresent() && account(account).swapIds.contains(event.swapId().get())) {
      return false;
    }
    append((ObjectNode) op("appendHistory", account).set("value", WalCodec.event(event)));
    return true;
  }

  @Override
  public synchronized List<RebalanceEvent> history(String account, int limit, int offset) {
    if (limit < 0 || offset < 0) {
      throw new IllegalArgumentException(
          "limit and offset must be >= 0, were " + limit + " and " + offset);
    }
    List<RebalanceEvent> h = account(account).history;
    List<Integer> order = new ArrayList<>(h.size());
    for (int i = 0; i < h.size(); i++) {
      order.add(i);
    }
    // Newest first: by timestamp descending, then the later insertion first.
    order.sort(
        Comparator.comparing((Integer i) -> h.get(i).timestamp())
            .reversed()
            .thenComparing(Comparator.<Integer>reverseOrder()));
    List<RebalanceEvent> out = new ArrayList<>();
    for (int k = offset; k < order.size() && out.size() < limit; k++) {
      out.add(h.get(order.get(k)));
    }
    return List.copyOf(out);
  }

  @Override
  public synchronized HistoryStats historyStats(String account) {
    List<RebalanceEvent> h = account(account).history;
    if (h.isEmpty()) {
      return HistoryStats.empty();
    }
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal min = null;
    BigDecimal max = null;
    Instant last = null;
    for (RebalanceEvent e : h) {
      BigDecimal d = e.scoreDiff();
      sum = sum.add(d);
      min = min == null || d.compareTo(min) < 0 ? d : min;
      max = max == null || d.compareTo(max) > 0 ? d : max;
      last = last == null || e.timestamp().isAfter(last) ? e.timestamp() : last;
    }
    return HistoryStats.builder()
        .count(h.size())
        .sumScoreDiff(sum)
        .minScoreDiff(Optional.ofNullable(min))
        .maxScoreDiff(Optional.ofNullable(max))
        .lastTimestamp(Optional.ofNullable(last))
        .build();
  }

  // ---- cooldown ---------------------------------------------------------------------------------

  @Override
  public synchronized Optional<Instant> lastRebalance(String account) {
    return account(account).lastRebalance;
  }

  @Override
  public synchronized boolean claimRebalance(String account, Instant at, Duration cooldown) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown);
    }
    Optional<Instant> last = account(account).lastRebalance;
    if (last.isPresent() && at.isBefore(last.get().plus(cooldown))) {
      return false;
    }
    setLastRebalance(account, at);
    return true;
  }

  @Override
  public synchronized void setLastRebalance(String account, Instant at) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(at, "at");
    append(op("setLastRebalance", account).put("at", at.toString()));
  }

  // ---- intents ----------------------------------------------------------------------------------

  @Override
  public synchronized void putIntent(String account, SwapIntent intent) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(intent, "intent");
    append((ObjectNode) op("putIntent", account).set("value", WalCodec.intent(intent)));
  }

  @Override
  public synchronized Optional<SwapIntent> intent(String account, String id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(account(account).intents.get(id));
  }

  @Override
  public synchronized List<SwapIntent> openIntents(String account) {
    return account(account).intents.values().stream()
        .filter(i -> !i.status().isTerminal())
        .sorted(Comparator.comparing(SwapIntent::createdAt).thenComparing(SwapIntent::id))
        .toList();
  }

  // ---- fills ------------------------------------------------------------------------------------

  @Override
  public synchronized boolean applyFill(String account, String fillId, EntryChange change) {
    checkAccount(account);
    Objects.requireNonNull(fillId, "fillId");
    Objects.requireNonNull(change, "change");
    if (fillId.isBlank() || fillId.length() > 200) {
      throw new IllegalArgumentException(
          "fillId must be 1 to 200 characters and not blank, was " + Identifiers.quote(fillId));
    }
    if (account(account).fills.contains(fillId)) {
      return false;
    }
    // One log line carries both the fill id and the change, so a crash keeps both or neither.
    ObjectNode op = op("applyFill", account).put("fillId", fillId);
    change.put().ifPresent(e -> op.set("put", WalCodec.entry(e)));
    change.remove().ifPresent(symbol -> op.put("remove", symbol));
    append(op);
    return true;
  }

  @Override
  public synchronized boolean fillApplied(String account, String fillId) {
    Objects.requireNonNull(fillId, "fillId");
    return account(account).fills.contains(fillId);
  }

  @Override
  public synchronized Optional<Instant> fillWatermark(String account) {
    return account(account).fillWatermark;
  }

  @Override
  public synchronized Instant advanceFillWatermark(String account, Instant to) {
    checkAccount(account);
    Objects.requireNonNull(to, "to");
    Optional<Instant> now = account(account).fillWatermark;
    if (now.isPresent() && !to.isAfter(now.get())) {
      return now.get();
    }
    append(op("fillWatermark", account).put("at", to.toString()));
    return to;
  }

  // ---- accounts (clause 12) ---------------------------------------------------------------------

  @Override
  public synchronized List<String> accounts() {
    return accounts.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.close();
  }

  /** The log file this store writes to. */
  public Path file() {
    return file;
  }

  @Override
  public String toString() {
    return "WalTrackerStore[" + file + "]";
  }
}
