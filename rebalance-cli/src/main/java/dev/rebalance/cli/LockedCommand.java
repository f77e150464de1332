package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.spi.TrackerStore;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rebalance locked [--all]}: the locks that apply now (with {@code --all}, expired ones too,
 * marked). JSON: an array of {@code {symbol, reason, lockedBy, lockedAt, expiresAt, active}}.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "locked", description = "List locked symbols.")
public final class LockedCommand extends ManagementCommand {

  @Option(names = "--all", description = "Include expired locks.")
  boolean all;

  /** Creates the command (picocli calls this). */
  public LockedCommand() {}

  @Override
  int run(TrackerStore store, String account) {
    Instant now = clock().instant();
    List<PositionLock> locks =
        store.locks(account).stream().filter(l -> all || l.isActiveAt(now)).toList();
    if (json) {
      ArrayNode a = Output.array();
      locks.forEach(l -> a.add(Output.lock(l, now)));
      Output.printJson(out(), a);
      return ExitCodes.OK;
    }
    if (locks.isEmpty()) {
      out().println("No locked symbols" + emptyAccountNote(store, account) + ".");
      out().flush();
      return ExitCodes.OK;
    }
    out().println("Locked symbols (" + locks.size() + "):");
    Output.printTable(
        out(),
        List.of("", "SYMBOL", "REASON", "LOCKED BY", "LOCKED AT", "EXPIRES AT"),
        locks.stream()
            .map(
                l ->
                    List.of(
                        l.isActiveAt(now) ? "[locked]" : "[expired]",
                        l.symbol(),
                        Output.text(l.reason()),
                        Output.text(l.lockedBy()),
                        time(l.lockedAt()),
                        time(l.expiresAt())))
            .toList());
    return ExitCodes.OK;
  }
}
