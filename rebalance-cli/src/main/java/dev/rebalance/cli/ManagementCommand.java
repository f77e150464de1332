package dev.rebalance.cli;

import dev.rebalance.api.Identifiers;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.format.HumanFormat;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every management command shares: {@code --store}, {@code --account}, {@code --json}, {@code
 * --zone}, the clock of the root command, and opening and closing the store around the work.
 * Commands that only read never create a store ({@link #writes()}).
 *
 * <p>Not thread-safe; one instance per invocation.
 */
abstract class ManagementCommand implements Callable<Integer> {

  /** {@code --zone}'s default: {@code REBALANCE_ZONE}, else UTC. */
  static final String ZONE_DEFAULT_VALUE = "${REBALANCE_ZONE:-UTC}";

  @Mixin StoreOptions storeOptions;

  @Option(names = "--json", description = "Print JSON for scripts instead of a table.")
  boolean json;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      defaultValue = ZONE_DEFAULT_VALUE,
      converter = ZoneConverter.class,
      description =
          "Time zone to show times in (JSON stays UTC); import also reads timestamps without an"
              + " offset in it (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @ParentCommand RebalanceCommand root;

  @Spec CommandSpec spec;

  /** Output and errors when the command runs without picocli ({@link FastPath}); else null. */
  @Nullable PrintWriter directOut;

  @Nullable PrintWriter directErr;

  @Override
  public final Integer call() {
    validate();
    try (TrackerStore store =
        writes() ? storeOptions.openForWriting(err()) : storeOptions.openExisting()) {
      return run(store, storeOptions.account());
    }
  }

  /**
   * Checks the command's own arguments before any store is opened, so bad input never creates or
   * touches a store.
   *
   * @throws IllegalArgumentException naming the option or parameter at fault
   */
  void validate() {}

  /**
   * Whether the command writes new state, so it may create a missing store; read-only commands (and
   * removals, which have nothing to remove in a missing store) refuse a missing store.
   *
   * @return true for lock, import and reconcile
   */
  boolean writes() {
    return false;
  }

  /**
   * Does the command's work.
   *
   * @param store the open store
   * @param account the account id
   * @return the exit code
   */
  abstract int run(TrackerStore store, String account);

  PrintWriter out() {
    return directOut != null ? directOut : spec.commandLine().getOut();
  }

  PrintWriter err() {
    return directErr != null ? directErr : spec.commandLine().getErr();
  }

  Clock clock() {
    return root.clock();
  }

  /** The environment variables of the root command (the process's, or a test's). */
  Map<String, String> environment() {
    return root.environment();
  }

  /**
   * When the account holds nothing at all but the store holds other accounts, a note naming them
   * (see {@link Accounts#elsewhere}); otherwise {@code ""}.
   */
  String emptyAccountNote(TrackerStore store, String account) {
    boolean empty =
        store.entries(account).isEmpty()
            && store.locks(account).isEmpty()
            && store.historyStats(account).count() == 0
            && store.lastRebalance(account).isEmpty();
    return empty ? Accounts.elsewhere(store, account) : "";
  }

  /** A time for a table, in {@code --zone}, labelled. */
  String time(Instant t) {
    return HumanFormat.time(t, zone);
  }

  /** A time for a table, or {@code -}. */
  String time(Optional<Instant> t) {
    return HumanFormat.time(t, zone);
  }

  /**
   * A symbol from the command line, upper-cased (ASCII letters only) and checked against the one
   * symbol rule ({@link Identifiers#checkSymbol}).
   *
   * @param field the option or parameter name for the message
   * @param raw the text given
   * @return the symbol
   * @throws IllegalArgumentException naming {@code field} if it breaks the rule
   */
  static String symbol(String field, String raw) {
    StringBuilder up = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      up.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
    }
    return Identifiers.checkSymbol(field, up.toString());
  }

  /** Reads {@code --zone}: a zone id such as UTC or America/New_York. */
  static final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return HumanFormat.parseZone(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
