package dev.rebalance.cli;

import dev.rebalance.alpaca.AlpacaBroker;
import dev.rebalance.alpaca.AlpacaConfig;
import dev.rebalance.api.BrokerException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How the CLI reaches Alpaca: whether the {@code APCA_*} environment variables are set, the adapter
 * built from them through {@link AlpacaConfig#fromEnvironment(Map)} (paper by default; a live URL
 * needs {@code REBALANCE_ALPACA_ALLOW_LIVE=true}), and broker failures turned into one line on
 * standard error. Keys are never printed.
 *
 * <p>Stateless and thread-safe.
 */
final class AlpacaAccess {
  private AlpacaAccess() {}

  /** Whether both key variables are set (non-blank). */
  static boolean configured(Map<String, String> env) {
    return missing(env).isEmpty();
  }

  /** The key variables that are not set, in a fixed order. */
  static List<String> missing(Map<String, String> env) {
    List<String> missing = new ArrayList<>();
    for (String name : List.of(AlpacaConfig.ENV_KEY_ID, AlpacaConfig.ENV_SECRET_KEY)) {
      String v = env.get(name);
      if (v == null || v.isBlank()) {
        missing.add(name);
      }
    }
    return missing;
  }

  /**
   * The adapter for the environment's account.
   *
   * @throws dev.rebalance.api.InvalidConfigException if a variable is invalid, or the URL is live
   *     without the opt-in
   */
  static AlpacaBroker broker(Map<String, String> env) {
    return AlpacaBroker.of(AlpacaConfig.fromEnvironment(env));
  }

  /** The usage error printed when the key variables are missing; returns the exit code. */
  static int missingKeys(PrintWriter err, String command, Map<String, String> env) {
    err.println(
        "error: "
            + command
            + " needs Alpaca credentials: set "
            + AlpacaConfig.ENV_KEY_ID
            + " and "
            + AlpacaConfig.ENV_SECRET_KEY
            + " (missing: "
            + String.join(", ", missing(env))
            + "; optional: "
            + AlpacaConfig.ENV_BASE_URL
            + ", "
            + AlpacaConfig.ENV_ALLOW_LIVE
            + ")");
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * Runs a broker call; a {@link BrokerException} becomes one line on {@code err} and {@link
   * ExitCodes#FAILED}.
   */
  static int call(PrintWriter err, Supplier<Integer> work) {
    try {
      return work.get();
    } catch (BrokerException e) {
      err.println("error: Alpaca: " + oneLine(e.getMessage()));
      err.flush();
      return ExitCodes.FAILED;
    }
  }

  private static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "request failed";
    }
    return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
