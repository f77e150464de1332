package dev.rebalance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the two everyday read-only commands, {@code rebalance locked} and {@code rebalance explain},
 * without building picocli's model of them, when their command line is plain (issue 15, start-up).
 * picocli builds a command's model by reading its annotations: dynamic proxies and reflection that
 * no class-data-sharing archive keeps, about 30 ms of each start (a {@code rebalance locked}
 * through picocli takes 127 ms, through this class 95 ms; BENCHMARKS.md, "CLI start-up").
 *
 * <p>A plain command line is the command's name followed by its own options only, each at most
 * once, as {@code --name VALUE}, {@code --name=VALUE} or a bare flag, with values that convert.
 * Anything else (help, a version request, an unknown or repeated option, a missing, empty or
 * dash-led value, an {@code @file}, {@code --}) is left to picocli, which answers with its usual
 * help and errors: {@link #run} then returns empty. The commands themselves are the same classes
 * picocli runs, with the same defaults (the annotations' own constants, {@code ${NAME:-default}}
 * resolved from system properties, then the environment, as picocli does) and the same converters;
 * their failures are reported by the same {@link RebalanceCommand#failed}. {@code FastPathTest}
 * checks the option lists against the annotations and runs command lines both ways.
 *
 * <p>Stateless and thread-safe; each call makes its own command object.
 */
final class FastPath {
  private FastPath() {}

  private static final Set<String> LOCKED_FLAGS = Set.of("--all", "--json");
  private static final Set<String> LOCKED_VALUES = Set.of("--store", "--account", "--zone");
  private static final Set<String> EXPLAIN_FLAGS = Set.of("--json");
  private static final Set<String> EXPLAIN_VALUES = Set.of("--scenario", "--format");

  /** The commands this class runs, with their flags and their options that take a value. */
  static final Map<String, List<Set<String>>> COMMANDS =
      Map.of(
          "locked", List.of(LOCKED_FLAGS, LOCKED_VALUES),
          "explain", List.of(EXPLAIN_FLAGS, EXPLAIN_VALUES));

  /**
   * Runs {@code args} if it is a plain {@code locked} or {@code explain} command line.
   *
   * @param args the whole command line, the command's name first
   * @param out where results go
   * @param err where errors go
   * @param clock the clock the command reads the time from
   * @param environment the environment variables the command reads
   * @return the exit code, or empty when picocli must run the command line
   */
  static OptionalInt run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      Supplier<Map<String, String>> environment) {
    if (args.length == 0) {
      return OptionalInt.empty();
    }
    List<Set<String>> options = COMMANDS.get(args[0]);
    if (options == null) {
      return OptionalInt.empty();
    }
    Map<String, String> given = parse(args, options.get(0), options.get(1));
    if (given == null) {
      return OptionalInt.empty();
    }
    try {
      if (args[0].equals("locked")) {
        LockedCommand command = locked(given, new RebalanceCommand(clock, environment));
        if (command == null) {
          return OptionalInt.empty();
        }
        command.directOut = out;
        command.directErr = err;
        return OptionalInt.of(call(command, err));
      }
      ExplainCommand command = explain(given);
      if (command == null) {
        return OptionalInt.empty();
      }
      command.directOut = out;
      command.directErr = err;
      return OptionalInt.of(call(command, err));
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Runs the command as picocli's {@code execute} does, with the root command's error handling. */
  private static int call(Callable<Integer> command, PrintWriter err) {
    try {
      return command.call();
    } catch (Exception e) {
      return RebalanceCommand.failed(e, err);
    }
  }

  /**
   * The options of a plain command line, by name (a flag maps to {@code "true"}), or null if the
   * line is not plain.
   */
  static @Nullable Map<String, String> parse(
      String[] args, Set<String> flags, Set<String> withValue) {
    Map<String, String> given = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (flags.contains(arg)) {
        name = arg;
        value = "true";
      } else if (withValue.contains(arg) && i + 1 < args.length) {
        name = arg;
        value = args[++i];
      } else if (eq > 0 && withValue.contains(arg.substring(0, eq))) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        return null;
      }
      if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
        return null;
      }
      if (given.put(name, value) != null) {
        return null;
      }
    }
    return given;
  }

  private static @Nullable LockedCommand locked(Map<String, String> given, RebalanceCommand root) {
    LockedCommand c = new LockedCommand();
    c.root = root;
    c.storeOptions = new StoreOptions();
    c.storeOptions.store = value(given, "--store", StoreOptions.STORE_DEFAULT_VALUE);
    c.storeOptions.account = value(given, "--account", StoreOptions.ACCOUNT_DEFAULT_VALUE);
    c.all = given.containsKey("--all");
    c.json = given.containsKey("--json");
    try {
      c.zone =
          new ManagementCommand.ZoneConverter()
              .convert(value(given, "--zone", ManagementCommand.ZONE_DEFAULT_VALUE));
    } catch (RuntimeException e) {
      return null; // an unknown zone: picocli names the bad value
    }
    return c;
  }

  private static @Nullable ExplainCommand explain(Map<String, String> given) {
    String scenario = given.get("--scenario");
    if (scenario == null) {
      return null; // picocli says it is required
    }
    ExplainCommand c = new ExplainCommand();
    try {
      c.scenario = Path.of(scenario);
      c.format =
          new ExplainCommand.FormatConverter()
              .convert(value(given, "--format", ExplainCommand.FORMAT_DEFAULT_VALUE));
    } catch (RuntimeException e) {
      return null; // an invalid path or format: picocli names the bad value
    }
    c.json = given.containsKey("--json");
    return c;
  }

  /** The value given for {@code name}, else its default resolved as picocli does. */
  private static String value(Map<String, String> given, String name, String defaultValue) {
    String v = given.get(name);
    return v != null ? v : resolve(defaultValue);
  }

  /**
   * Resolves a {@code ${NAME:-default}} default as picocli does: the system property {@code NAME},
   * else the environment variable {@code NAME}, else {@code default}. Anything else is returned as
   * it is.
   *
   * @param expression the default value as written in the annotation
   * @return the value
   */
  static String resolve(String expression) {
    if (!expression.startsWith("${") || !expression.endsWith("}")) {
      return expression;
    }
    int sep = expression.indexOf(":-");
    if (sep < 0) {
      return expression;
    }
    String key = expression.substring(2, sep);
    String v = System.getProperty(key);
    if (v == null) {
      v = System.getenv(key);
    }
    return v != null ? v : expression.substring(sep + 2, expression.length() - 1);
  }
}
