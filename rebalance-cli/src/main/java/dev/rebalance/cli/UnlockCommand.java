package dev.rebalance.cli;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.tracking.LockManager;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code rebalance unlock SYMBOL}: removes a symbol's lock. Exits 1, saying so, if the symbol is
 * not locked; removing a lock that had already expired succeeds and says it had expired.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "unlock", description = "Remove a symbol's lock.")
public final class UnlockCommand extends ManagementCommand {

  @Parameters(index = "0", paramLabel = "SYMBOL", description = "The symbol to unlock.")
  String symbol;

  /** Creates the command (picocli calls this). */
  public UnlockCommand() {}

  private String sym;

  @Override
  void validate() {
    sym = symbol("SYMBOL", symbol);
  }

  @Override
  int run(TrackerStore store, String account) {
    Instant now = clock().instant();
    Optional<PositionLock> before =
        store.locks(account).stream().filter(l -> l.symbol().equals(sym)).findFirst();
    boolean removed = LockManager.create(store, account, clock()).unlock(sym);
    if (!removed) {
      err().println("error: " + sym + " is not locked (account " + account + ")");
      err().flush();
      return ExitCodes.FAILED;
    }
    boolean expired = before.map(l -> !l.isActiveAt(now)).orElse(false);
    if (json) {
      Output.printJson(
          out(),
          Output.NODES
              .objectNode()
              .put("symbol", sym)
              .put("unlocked", true)
              .put("expired", expired));
    } else {
      out()
          .println(
              "Unlocked "
                  + sym
                  + (expired
                      ? " (its lock had expired at " + time(before.get().expiresAt()) + ")"
                      : "")
                  + ".");
      out().flush();
    }
    return ExitCodes.OK;
  }
}
