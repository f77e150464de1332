package dev.rebalance.core.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.EntryChange;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import java.util.Map;
import java.util.Set;

/**
 * The JSON store's journal lines: one change to the small state of one account per line, tagged
 * with the snapshot generation it follows ({@code "g"}). This class builds lines and applies them,
 * validating each field; a line of a later generation than the snapshot's is damage (the snapshot
 * was replaced by an older one), a line of an earlier one is left over from before a compaction and
 * skipped. Stateless and thread-safe.
 */
public final class JournalOps {
  private static final Set<String> KINDS =
      Set.of(
          "putEntry",
          "removeEntry",
          "putLock",
          "removeLock",
          "removeAllLocks",
          "lastRebalance",
          "putIntent",
          "applyFill",
          "fillWatermark");

  private JournalOps() {}

  /**
   * A new line.
   *
   * @param generation the current snapshot generation
   * @param kind the operation
   * @param account the account
   * @return the line's object, to complete with the operation's fields
   */
  public static ObjectNode op(long generation, String kind, String account) {
    ObjectNode n = JsonCodec.object();
    n.put("g", generation);
    n.put("op", kind);
    n.put("account", account);
    return n;
  }

  /**
   * A fill's line: its id and its change together, so a crash keeps both or neither.
   *
   * @param generation the current snapshot generation
   * @param account the account
   * @param fillId the fill id
   * @param change the change
   * @return the line's object
   */
  public static ObjectNode fill(
      long generation, String account, String fillId, EntryChange change) {
    ObjectNode op = op(generation, "applyFill", account).put("fillId", fillId);
    change.put().ifPresent(e -> op.set("put", JsonCodec.entry(e)));
    change.remove().ifPresent(symbol -> op.put("remove", symbol));
    return op;
  }

  /**
   * Validates a line and applies it if it belongs to {@code generation}.
   *
   * @param op the parsed line
   * @param generation the snapshot's generation
   * @param accounts the state to change
   * @return true if applied, false if skipped as older than the snapshot
   * @throws IllegalArgumentException naming the field at fault, or a generation newer than the
   *     snapshot's
   */
  public static boolean apply(JsonNode op, long generation, Map<String, AccountState> accounts) {
    JsonShape.object(op, "the line");
    long g = JsonShape.wholeNumber(op, "g", 0, "the line");
    String kind = JsonShape.text(op, "op", "the line");
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown op '" + kind + "'");
    }
    String account = JsonShape.text(op, "account", "the line");
    if (g > generation) {
      throw new IllegalArgumentException(
          "generation "
              + g
              + " is newer than the snapshot's generation "
              + generation
              + " (the snapshot was replaced by an older copy, or the journal belongs to another"
              + " store)");
    }
    if (g < generation) {
      return false;
    }
    apply(kind, op, accounts.computeIfAbsent(account, k -> new AccountState()));
    return true;
  }

  private static void apply(String kind, JsonNode op, AccountState a) {
    switch (kind) {
      case "putEntry" -> {
        TrackedEntry e = JsonCodec.entry(JsonShape.object(op.get("entry"), "entry"));
        a.entries.put(e.symbol(), e);
      }
      case "removeEntry" -> a.entries.remove(JsonCodec.text(op, "symbol"));
      case "putLock" -> {
        PositionLock l = JsonCodec.lock(JsonShape.object(op.get("lock"), "lock"));
        a.locks.put(l.symbol(), l);
      }
      case "removeLock" -> a.locks.remove(JsonCodec.text(op, "symbol"));
      case "removeAllLocks" -> a.locks.clear();
      case "lastRebalance" -> a.lastRebalance = JsonCodec.instant(op, "at");
      case "putIntent" -> {
        SwapIntent i = JsonCodec.intent(JsonShape.object(op.get("intent"), "intent"));
        a.intents.put(i.id(), i);
      }
      case "applyFill" -> {
        JsonNode put = op.get("put");
        EntryChange change =
            put != null
                ? EntryChange.put(JsonCodec.entry(JsonShape.object(put, "put")))
                : JsonCodec.optText(op, "remove")
                    .map(EntryChange::remove)
                    .orElse(EntryChange.none());
        a.applyFill(JsonShape.text(op, "fillId", "the line"), change);
      }
      case "fillWatermark" -> a.advanceFillWatermark(JsonCodec.instant(op, "at"));
      default -> throw new IllegalArgumentException("unknown op '" + kind + "'");
    }
  }
}
