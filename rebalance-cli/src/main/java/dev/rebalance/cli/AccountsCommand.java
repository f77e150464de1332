package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.TrackerStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code rebalance accounts}: the accounts a store holds, each with its counts and last activity
 * (the latest of its newest entry, newest swap and last rebalance). JSON: an array of {@code
 * {account, entries, locks, swaps, openSwaps, lastActivity}}. The accounts come from the store
 * itself ({@code TrackerStore.accounts()}), so every store can be listed; a store that does not
 * support the call exits 1 saying so.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(
    name = "accounts",
    description = "List the accounts a store holds, with counts and last activity.")
public final class AccountsCommand extends ManagementCommand {

  /** Creates the command (picocli calls this). */
  public AccountsCommand() {}

  @Override
  int run(TrackerStore store, String ignored) {
    Optional<List<String>> ids = Accounts.ids(store);
    if (ids.isEmpty()) {
      err()
          .println(
              "error: the store "
                  + TrackerStores.redacted(storeOptions.uri())
                  + " cannot list its accounts (TrackerStore.accounts() is not supported);"
                  + " name one with --account");
      err().flush();
      return ExitCodes.FAILED;
    }
    Instant now = clock().instant();
    List<List<String>> rows = new ArrayList<>();
    ArrayNode a = Output.array();
    for (String account : ids.get()) {
      List<TrackedEntry> entries = store.entries(account);
      long locks = store.locks(account).stream().filter(l -> l.isActiveAt(now)).count();
      HistoryStats h = store.historyStats(account);
      int open = store.openIntents(account).size();
      Optional<Instant> last =
          Stream.of(
                  entries.stream().map(TrackedEntry::entryTime),
                  h.lastTimestamp().stream(),
                  store.lastRebalance(account).stream())
              .flatMap(s -> s)
              .max(Comparator.naturalOrder());
      ObjectNode n = a.addObject();
      n.put("account", account);
      n.put("entries", entries.size());
      n.put("locks", locks);
      n.put("swaps", h.count());
      n.put("openSwaps", open);
      Output.put(n, "lastActivity", last);
      rows.add(
          List.of(
              account,
              Integer.toString(entries.size()),
              Long.toString(locks),
              Long.toString(h.count()),
              Integer.toString(open),
              time(last)));
    }
    if (json) {
      Output.printJson(out(), a);
      return ExitCodes.OK;
    }
    if (rows.isEmpty()) {
      out().println("The store holds no accounts yet.");
      out().flush();
      return ExitCodes.OK;
    }
    Output.printTable(
        out(),
        List.of("ACCOUNT", "ENTRIES", "LOCKS", "SWAPS", "OPEN SWAPS", "LAST ACTIVITY"),
        rows);
    return ExitCodes.OK;
  }
}
