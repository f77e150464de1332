package dev.rebalance.cli;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.tracking.LockManager;
import picocli.CommandLine.Command;

/**
 * {@code rebalance unlock-all}: removes every lock of the account. Succeeds (exit 0) with nothing
 * to remove too, saying so.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "unlock-all", description = "Remove every lock of the account.")
public final class UnlockAllCommand extends ManagementCommand {

  /** Creates the command (picocli calls this). */
  public UnlockAllCommand() {}

  @Override
  int run(TrackerStore store, String account) {
    int removed = LockManager.create(store, account, clock()).unlockAll();
    if (json) {
      Output.printJson(out(), Output.NODES.objectNode().put("unlocked", removed));
    } else {
      out()
          .println(
              removed == 0
                  ? "No locks to remove."
                  : "Unlocked " + removed + (removed == 1 ? " symbol." : " symbols."));
      out().flush();
    }
    return ExitCodes.OK;
  }
}
