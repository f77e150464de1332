package dev.rebalance.core.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The JSON store's snapshot file: the small state of every account, validated field by field when
 * read (a valid JSON document of the wrong shape is damage, not an empty store), and rendered
 * pretty-printed when written. Stateless and thread-safe.
 */
public final class JsonSnapshot {
  /** The value of the snapshot's {@code format} field. */
  public static final String FORMAT = "rebalance-json-store";

  /** The snapshot format version written and read. */
  public static final int VERSION = 1;

  /**
   * What a snapshot holds.
   *
   * @param generation the snapshot's generation, at least 1
   * @param accounts the accounts' small state
   * @param historyBytes per account, how many bytes of its history file the aggregates cover
   */
  public record Loaded(
      long generation, Map<String, AccountState> accounts, Map<String, Long> historyBytes) {}

  /** A snapshot that cannot be used; the message says why, the caller adds the file. */
  public static final class Damage extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether the file is some other JSON document, not a damaged snapshot. */
    public final boolean foreign;

    Damage(String message, boolean foreign, @Nullable Throwable cause) {
      super(message, cause);
      this.foreign = foreign;
    }
  }

  private JsonSnapshot() {}

  /**
   * Parses and validates a snapshot.
   *
   * @param content the file's bytes
   * @param mapper the mapper
   * @return the state
   * @throws Damage naming the line or field at fault
   */
  public static Loaded parse(byte[] content, ObjectMapper mapper) throws Damage {
    JsonNode root;
    try {
      root = mapper.readTree(content);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new Damage(
          "line " + line + " is not valid JSON (" + e.getOriginalMessage() + ")", false, e);
    } catch (IOException e) {
      throw new Damage("cannot be parsed (" + e.getMessage() + ")", false, e);
    }
    if (root == null || root.isMissingNode()) {
      throw new Damage("is empty", false, null);
    }
    if (!root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
      throw new Damage(
          "is not a Rebalance JSON store (no \"format\": \"" + FORMAT + "\")", true, null);
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isIntegralNumber() || version.intValue() != VERSION) {
      throw new Damage(
          "has format version " + version + "; this version of Rebalance reads version " + VERSION,
          false,
          null);
    }
    try {
      long generation = JsonShape.wholeNumber(root, "generation", 1, "snapshot");
      JsonNode accountsNode = JsonShape.object(root.get("accounts"), "snapshot.accounts");
      Map<String, AccountState> accounts = new HashMap<>();
      Map<String, Long> bytes = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = accountsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> acct = it.next();
        String where = "accounts[\"" + acct.getKey() + "\"]";
        AccountState a = account(acct.getValue(), where);
        JsonNode h = acct.getValue().get("history");
        if (h != null && !h.isNull()) {
          long fileBytes = JsonShape.wholeNumber(h, "fileBytes", 0, where + ".history");
          if (a.history.count() > 0 && fileBytes == 0) {
            throw new IllegalArgumentException(
                where + ".history counts " + a.history.count() + " events in a 0-byte file");
          }
          bytes.put(acct.getKey(), fileBytes);
        }
        accounts.put(acct.getKey(), a);
      }
      return new Loaded(generation, accounts, bytes);
    } catch (RuntimeException e) {
      throw new Damage(Objects.toString(e.getMessage(), e.toString()), false, e);
    }
  }

  private static AccountState account(JsonNode n, String where) {
    JsonShape.object(n, where);
    AccountState a = new AccountState();
    for (JsonNode e : JsonShape.objects(n, "entries", where)) {
      TrackedEntry entry = field(where + ".entries", () -> JsonCodec.entry(e));
      a.entries.put(entry.symbol(), entry);
    }
    for (JsonNode l : JsonShape.objects(n, "locks", where)) {
      PositionLock lock = field(where + ".locks", () -> JsonCodec.lock(l));
      a.locks.put(lock.symbol(), lock);
    }
    for (JsonNode i : JsonShape.objects(n, "intents", where)) {
      SwapIntent intent = field(where + ".intents", () -> JsonCodec.intent(i));
      a.intents.put(intent.id(), intent);
    }
    if (n.hasNonNull("lastRebalance")) {
      a.lastRebalance = field(where, () -> JsonCodec.instant(n, "lastRebalance"));
    }
    a.fills.addAll(JsonShape.strings(n, "fills", where));
    if (n.hasNonNull("fillWatermark")) {
      a.fillWatermark = field(where, () -> JsonCodec.instant(n, "fillWatermark"));
    }
    a.swapIds.addAll(JsonShape.strings(n, "swapIds", where));
    JsonNode h = n.get("history");
    if (h != null && !h.isNull()) {
      JsonShape.object(h, where + ".history");
      JsonShape.wholeNumber(h, "count", 0, where + ".history");
      a.history = field(where + ".history", () -> JsonCodec.aggregate(h));
      if (a.history.count() > 0 && (a.history.min() == null || a.history.newest() == null)) {
        throw new IllegalArgumentException(
            where + ".history counts events but lacks minScoreDiff, maxScoreDiff or newest");
      }
    }
    return a;
  }

  private interface Read<T> {
    T run();
  }

  private static <T> T field(String where, Read<T> read) {
    try {
      return read.run();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * Renders a snapshot.
   *
   * @param generation its generation
   * @param accounts the accounts (empty ones are left out)
   * @param historyBytes per account, the history bytes the aggregates cover
   * @param mapper the mapper
   * @return the file's bytes
   * @throws IOException if rendering fails
   */
  public static byte[] render(
      long generation,
      Map<String, AccountState> accounts,
      Map<String, Long> historyBytes,
      ObjectMapper mapper)
      throws IOException {
    ObjectNode root = JsonCodec.object();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("generation", generation);
    ObjectNode accountsNode = root.putObject("accounts");
    for (Map.Entry<String, AccountState> e : new TreeMap<>(accounts).entrySet()) {
      AccountState a = e.getValue();
      if (a.isEmpty()) {
        continue;
      }
      ObjectNode n = accountsNode.putObject(e.getKey());
      ArrayNode entries = n.putArray("entries");
      a.entries.values().forEach(x -> entries.add(JsonCodec.entry(x)));
      ArrayNode locks = n.putArray("locks");
      a.locks.values().forEach(x -> locks.add(JsonCodec.lock(x)));
      if (a.lastRebalance != null) {
        n.put("lastRebalance", a.lastRebalance.toString());
      }
      ArrayNode intents = n.putArray("intents");
      a.intents.values().forEach(x -> intents.add(JsonCodec.intent(x)));
      if (!a.fills.isEmpty()) {
        ArrayNode fills = n.putArray("fills");
        new TreeSet<>(a.fills).forEach(fills::add);
      }
      if (a.fillWatermark != null) {
        n.put("fillWatermark", a.fillWatermark.toString());
      }
      if (!a.swapIds.isEmpty()) {
        ArrayNode swapIds = n.putArray("swapIds");
        new TreeSet<>(a.swapIds).forEach(swapIds::add);
      }
      n.set("history", JsonCodec.aggregate(a.history, historyBytes.getOrDefault(e.getKey(), 0L)));
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }
}
