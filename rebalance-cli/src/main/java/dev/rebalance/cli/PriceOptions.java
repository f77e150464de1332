package dev.rebalance.cli;

import dev.rebalance.api.Identifiers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The repeatable {@code --price SYMBOL=PRICE} option ({@code stats}): current prices for the
 * payoff. Every bad value is one line naming the option and the expected form.
 *
 * <p>Not thread-safe; one instance per command invocation.
 */
final class PriceOptions {

  @Option(
      names = "--price",
      paramLabel = "SYMBOL=PRICE",
      description = "A current price for the payoff, e.g. TSLA=251.10; repeat for each symbol.")
  List<String> prices = new ArrayList<>();

  /**
   * The prices given, by upper-case symbol.
   *
   * @return symbol to price, in the order given
   * @throws IllegalArgumentException naming {@code --price} and the expected form for a bad value
   */
  Map<String, BigDecimal> prices() {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (String p : prices) {
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw bad(p, "expected SYMBOL=PRICE");
      }
      String symbol = ManagementCommand.symbol("--price symbol", p.substring(0, eq).strip());
      BigDecimal price;
      try {
        price = new BigDecimal(p.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw bad(p, "PRICE must be a number");
      }
      if (price.signum() <= 0 || price.precision() - price.scale() > 15 || price.scale() > 15) {
        throw bad(
            p, "PRICE must be a positive number of at most 15 digits before and after the point");
      }
      out.put(symbol, price);
    }
    return out;
  }

  private static IllegalArgumentException bad(String value, String what) {
    return new IllegalArgumentException(
        "--price must be SYMBOL=PRICE with a positive PRICE, e.g. TSLA=251.10 ("
            + what
            + "), was "
            + Identifiers.quote(value));
  }
}
