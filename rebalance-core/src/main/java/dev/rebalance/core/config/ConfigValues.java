package dev.rebalance.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.InvalidConfigException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the values of {@link RebalanceConfigLoader}'s settings from a parsed tree: numbers as exact
 * decimals within 100 digits, ISO-8601 durations, whole minutes, and the guards' objects. Every
 * failure is an {@link InvalidConfigException} naming the field. Stateless and thread-safe.
 */
final class ConfigValues {
  private ConfigValues() {}

  static TurnoverBudget turnoverBudget(String name, JsonNode v) {
    Map<String, JsonNode> f = fields(name, v, "swaps", "window");
    JsonNode swaps = f.get("swaps");
    JsonNode window = f.get("window");
    if (swaps == null || window == null) {
      throw new InvalidConfigException(
          name + "." + (swaps == null ? "swaps" : "window") + " is required");
    }
    long n = wholeNumber(name + ".swaps", swaps);
    ConfigChecks.turnoverSwaps(name + ".swaps", n);
    Duration d = durationValue(name + ".window", window);
    ConfigChecks.positive(name + ".window", d);
    return TurnoverBudget.of((int) n, d);
  }

  static CostSettings costs(String name, JsonNode v) {
    Map<String, JsonNode> f = fields(name, v, "feeBps", "edgeBpsPerPoint", "minNetEdgeBps");
    CostSettings.Builder b = CostSettings.builder();
    if (f.containsKey("feeBps")) {
      BigDecimal fee = decimal(name + ".feeBps", f.get("feeBps"));
      ConfigChecks.nonNegative(name + ".feeBps", fee);
      b.feeBps(fee);
    }
    JsonNode edge = f.get("edgeBpsPerPoint");
    if (edge == null) {
      throw new InvalidConfigException(name + ".edgeBpsPerPoint is required");
    }
    BigDecimal e = decimal(name + ".edgeBpsPerPoint", edge);
    ConfigChecks.positive(name + ".edgeBpsPerPoint", e);
    b.edgeBpsPerPoint(e);
    if (f.containsKey("minNetEdgeBps")) {
      b.minNetEdgeBps(decimal(name + ".minNetEdgeBps", f.get("minNetEdgeBps")));
    }
    return b.build();
  }

  /** An object's fields, each one of {@code known}. */
  static Map<String, JsonNode> fields(String name, JsonNode v, String... known) {
    if (!v.isObject()) {
      throw new InvalidConfigException(name + " must be an object, was " + describe(v));
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!Arrays.asList(known).contains(field.getKey())) {
        throw new InvalidConfigException(
            name
                + "."
                + field.getKey()
                + " is not a known field (known: "
                + String.join(", ", known)
                + ")");
      }
      if (!field.getValue().isNull()) {
        out.put(field.getKey(), field.getValue());
      }
    }
    return out;
  }

  static long wholeNumber(String name, JsonNode v) {
    BigDecimal n = decimal(name, v);
    if (!isWhole(n)) {
      throw new InvalidConfigException(name + " must be a whole number, was " + n.toPlainString());
    }
    try {
      return n.longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidConfigException(
          name + " must be <= " + Integer.MAX_VALUE + ", was " + n.toPlainString(), e);
    }
  }

  static BigDecimal decimal(String name, JsonNode v) {
    if (!v.isNumber()) {
      throw new InvalidConfigException(name + " must be a number, was " + describe(v));
    }
    if (v.isDouble() || v.isFloat()) {
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        throw new InvalidConfigException(name + " must be a finite number, was " + d);
      }
      return inRange(
          name,
          v.isFloat() ? new BigDecimal(Float.toString(v.floatValue())) : BigDecimal.valueOf(d));
    }
    return inRange(name, v.decimalValue());
  }

  /** Decimals may have at most this many digits before and after the decimal point. */
  static final int MAX_DIGITS = 100;

  /**
   * Keeps exact arithmetic cheap: no {@code 1e-999999999}, whose plain text would be a billion
   * digits.
   */
  static BigDecimal inRange(String name, BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    if (s.scale() > MAX_DIGITS || s.precision() - s.scale() > MAX_DIGITS) {
      throw new InvalidConfigException(
          name
              + " is out of range (at most "
              + MAX_DIGITS
              + " digits before and after the decimal point), was "
              + (d.toString().length() > 40
                  ? d.toString().substring(0, 37) + "..."
                  : d.toString()));
    }
    return d;
  }

  static Duration duration(String name, JsonNode v) {
    Duration d = durationValue(name, v);
    ConfigChecks.duration(name, d);
    return d;
  }

  static Duration durationValue(String name, JsonNode v) {
    String example = " such as \"PT30M\"";
    if (!v.isTextual()) {
      throw new InvalidConfigException(
          name + " must be an ISO-8601 duration" + example + ", was " + describe(v));
    }
    Duration d;
    try {
      d = Duration.parse(v.textValue());
    } catch (DateTimeParseException e) {
      throw new InvalidConfigException(
          name + " must be an ISO-8601 duration" + example + ", was " + describe(v), e);
    }
    return d;
  }

  static Duration minutes(String name, JsonNode v) {
    if (!v.isNumber()) {
      throw new InvalidConfigException(
          name + " must be a whole number of minutes, was " + describe(v));
    }
    BigDecimal n = decimal(name, v);
    if (!isWhole(n) || n.signum() < 0) {
      throw new InvalidConfigException(
          name + " must be a whole number of minutes >= 0, was " + n.toPlainString());
    }
    try {
      Duration d = Duration.ofMinutes(n.longValueExact());
      ConfigChecks.duration(name, d);
      return d;
    } catch (ArithmeticException e) {
      throw new InvalidConfigException(
          name + " is too large a number of minutes, was " + n.toPlainString(), e);
    }
  }

  static boolean isWhole(BigDecimal n) {
    return n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
  }

  static String describe(JsonNode v) {
    if (v.isNumber()) {
      if (v.isDouble() || v.isFloat()) {
        return Double.toString(v.doubleValue());
      }
      return v.decimalValue().toPlainString();
    }
    if (v.isObject()) {
      return "an object";
    }
    if (v.isArray()) {
      return "an array";
    }
    if (v.isMissingNode()) {
      return "nothing";
    }
    return v.toString();
  }

  static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
