package dev.rebalance.cli.log;

import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * Which events the command line prints: a default level and, per logger-name prefix, an override.
 *
 * <ul>
 *   <li>The default is the system property {@value #PROPERTY}, else the environment variable
 *       {@value #ENVIRONMENT}, else {@code warn}.
 *   <li>A system property {@value #PROPERTY}{@code .NAME} sets the level of the loggers whose name
 *       is {@code NAME} or starts with {@code NAME.}; the longest such prefix wins.
 *   <li>A level is {@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace} or
 *       {@code off}, in any case. A value that is none of them is reported once on standard error:
 *       {@code warn} is used in place of a bad default, and a bad per-logger setting is ignored.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class LogLevels {
  /** The system property of the default level, and the prefix of per-logger ones. */
  static final String PROPERTY = "rebalance.log.level";

  /** The environment variable of the default level. */
  static final String ENVIRONMENT = "REBALANCE_LOG_LEVEL";

  /** {@link Level#ERROR}'s rank plus one: nothing is printed. */
  private static final int OFF = Level.ERROR.toInt() + 1;

  private final int defaultThreshold;
  private final TreeMap<String, Integer> byPrefix;
  private final String problems;

  private LogLevels(int defaultThreshold, TreeMap<String, Integer> byPrefix, String problems) {
    this.defaultThreshold = defaultThreshold;
    this.byPrefix = byPrefix;
    this.problems = problems;
  }

  /**
   * Reads the levels from system properties and the environment.
   *
   * @param properties the system properties
   * @param environment the environment variables
   * @return the levels
   */
  static LogLevels read(Properties properties, Function<String, @Nullable String> environment) {
    StringBuilder problems = new StringBuilder();
    String fromProperty = properties.getProperty(PROPERTY);
    String source = fromProperty != null ? "-D" + PROPERTY : ENVIRONMENT;
    String value = fromProperty != null ? fromProperty : environment.apply(ENVIRONMENT);
    int threshold = Level.WARN.toInt();
    if (value != null && !value.isBlank()) {
      Integer parsed = parse(value);
      if (parsed == null) {
        problems.append(complaint(source, value, "using warn"));
      } else {
        threshold = parsed;
      }
    }
    TreeMap<String, Integer> byPrefix = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      String level = properties.getProperty(key);
      if (level != null && key.startsWith(PROPERTY + ".") && key.length() > PROPERTY.length() + 1) {
        Integer parsed = parse(level);
        if (parsed == null) {
          problems.append(complaint("-D" + key, level, "ignored"));
        } else {
          byPrefix.put(key.substring(PROPERTY.length() + 1), parsed);
        }
      }
    }
    return new LogLevels(threshold, byPrefix, problems.toString());
  }

  private static String complaint(String source, String value, String outcome) {
    return "rebalance: "
        + source
        + "="
        + value
        + " is not a log level (expected error, warn, info, debug, trace or off); "
        + outcome
        + System.lineSeparator();
  }

  private static @Nullable Integer parse(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "error" -> Level.ERROR.toInt();
      case "warn" -> Level.WARN.toInt();
      case "info" -> Level.INFO.toInt();
      case "debug" -> Level.DEBUG.toInt();
      case "trace" -> Level.TRACE.toInt();
      case "off" -> OFF;
      default -> null;
    };
  }

  /**
   * The lowest rank (see {@link Level#toInt()}) a logger of this name prints.
   *
   * @param loggerName the logger's name
   * @return the rank; above {@link Level#ERROR}'s when the logger prints nothing
   */
  int thresholdOf(String loggerName) {
    String name = loggerName;
    while (true) {
      Integer exact = byPrefix.get(name);
      if (exact != null) {
        return exact;
      }
      int dot = name.lastIndexOf('.');
      if (dot < 0) {
        return defaultThreshold;
      }
      name = name.substring(0, dot);
    }
  }

  /**
   * The settings that were not levels, one line each, to print once; empty if none.
   *
   * @return the lines
   */
  String problems() {
    return problems;
  }
}
