package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 15, friction 1: every registered command answers {@code --help} and {@code -h}. */
class EveryCommandHelpTest {

  /** The command paths under the root, found by walking the registered subcommands. */
  private static List<List<String>> commandPaths(CommandLine cl, List<String> prefix) {
    List<List<String>> paths = new ArrayList<>();
    for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(sub.getKey());
      paths.add(path);
      paths.addAll(commandPaths(sub.getValue(), path));
    }
    return paths;
  }

  @Test
  void everySubcommandAnswersHelpWithItsUsageAndExitZero() {
    List<List<String>> paths = commandPaths(RebalanceCommand.commandLine(), List.of());
    assertThat(paths)
        .extracting(p -> p.get(0))
        .contains(
            "list",
            "lock",
            "unlock",
            "unlock-all",
            "locked",
            "history",
            "stats",
            "import",
            "dashboard",
            "reconcile",
            "swaps",
            "explain",
            "accounts");
    for (List<String> path : paths) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        CliRun r = CliRun.rebalance(args.toArray(String[]::new));
        String name = path.get(path.size() - 1);
        assertThat(r.exit).as(args + ": " + r.err).isZero();
        assertThat(r.out)
            .as(args.toString())
            .contains("Usage:")
            .contains(name)
            .contains("-h, --help");
        assertThat(r.err).as(args.toString()).isEmpty();
      }
    }
  }

  @Test
  void aBadOptionSuggestsAHelpThatWorks() {
    CliRun r = CliRun.rebalance("history", "--nosuch");
    assertThat(r.exit).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("Try 'rebalance history --help'.");
    assertThat(CliRun.rebalance("history", "--help").exit).isZero();
  }

  /** The start-up table of subcommands names each class by its own {@code @Command} name. */
  @Test
  void theSubcommandTableUsesTheCommandsOwnNames() {
    for (Map.Entry<String, Class<?>> e : RebalanceCommand.SUBCOMMANDS.entrySet()) {
      assertThat(e.getValue().getAnnotation(CommandLine.Command.class).name())
          .isEqualTo(e.getKey());
    }
    assertThat(RebalanceCommand.commandLineFor("locked", "--help").getSubcommands().keySet())
        .contains("locked")
        .doesNotContain("explain", "list", "dashboard");
  }
}
