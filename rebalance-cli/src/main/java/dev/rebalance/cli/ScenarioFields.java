package dev.rebalance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.InvalidConfigException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads single fields of an {@code explain} scenario: each check names the field by its JSON path
 * and says what is wrong and what was found, on one line. Stateless and thread-safe.
 */
final class ScenarioFields {

  /** Decimals may have at most this many digits before and after the decimal point. */
  static final int MAX_DIGITS = 100;

  private ScenarioFields() {}

  // ---- field access ----

  /** Reads one element of an array of objects keyed by a unique symbol. */
  @FunctionalInterface
  interface SymbolObject<T> {
    T read(JsonNode node, String path, String symbol);
  }

  /**
   * An array of objects, each with only {@code fields}, a valid {@code symbol} and no symbol twice;
   * {@code element} reads the rest of each.
   */
  static <T> List<T> symbolObjects(
      JsonNode array, String name, List<String> fields, SymbolObject<T> element) {
    requireArray(array, name);
    List<T> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      String path = name + "[" + i + "]";
      JsonNode node = array.get(i);
      requireObject(node, path);
      knownFields(node, path, fields);
      String symbol = symbol(required(node, path, "symbol"), path + ".symbol");
      unique(seen, symbol, path + ".symbol");
      out.add(element.read(node, path, symbol));
    }
    return out;
  }

  static <T> T build(String path, Supplier<T> builder) {
    try {
      return builder.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw invalid(path + ": " + e.getMessage());
    }
  }

  static void knownFields(JsonNode object, String path, List<String> known) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw invalid(
            child(path, name) + " is not a known field (known: " + String.join(", ", known) + ")");
      }
    }
  }

  static JsonNode required(JsonNode object, String path, String name) {
    JsonNode n = object.get(name);
    if (n == null) {
      throw invalid(child(path, name) + " is required");
    }
    if (n.isNull()) {
      throw invalid(child(path, name) + " is required, was null");
    }
    return n;
  }

  /** An optional field; an explicit {@code null} counts as absent. */
  static Optional<JsonNode> optional(JsonNode object, String name) {
    JsonNode n = object.get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  static void requireObject(JsonNode n, String path) {
    if (!n.isObject()) {
      throw invalid(path + " must be an object, was " + describe(n));
    }
  }

  static void requireArray(JsonNode n, String path) {
    if (!n.isArray()) {
      throw invalid(path + " must be an array, was " + describe(n));
    }
  }

  static String string(JsonNode n, String path) {
    if (!n.isTextual()) {
      throw invalid(path + " must be a string, was " + describe(n));
    }
    return n.textValue();
  }

  /** A symbol, by the one symbol rule ({@link Identifiers#checkSymbol}). */
  static String symbol(JsonNode n, String path) {
    String s = string(n, path);
    try {
      return Identifiers.checkSymbol(path, s);
    } catch (IllegalArgumentException e) {
      throw invalid(Objects.toString(e.getMessage(), e.toString()));
    }
  }

  /** A finite JSON number {@code >= 0}. */
  static BigDecimal nonNegativeNumber(JsonNode n, String path) {
    BigDecimal d = finiteNumber(n, path);
    if (d.signum() < 0) {
      throw invalid(path + " must be >= 0, was " + describe(n));
    }
    return d;
  }

  static void unique(Map<String, String> seen, String symbol, String path) {
    String first = seen.putIfAbsent(symbol, path);
    if (first != null) {
      throw invalid(path + " \"" + symbol + "\" is listed twice (also at " + first + ")");
    }
  }

  static boolean bool(JsonNode n, String path) {
    if (!n.isBoolean()) {
      throw invalid(path + " must be true or false, was " + describe(n));
    }
    return n.booleanValue();
  }

  static Instant instant(JsonNode n, String path) {
    String s = n.isTextual() ? n.textValue() : null;
    if (s != null) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        // fall through to the message below
      }
    }
    throw invalid(
        path + " must be an ISO-8601 instant such as \"2025-11-25T15:45:00Z\", was " + describe(n));
  }

  static <E extends Enum<E>> E enumValue(JsonNode n, String path, Class<E> type) {
    String allowed =
        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    if (n.isTextual()) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(n.textValue())) {
          return e;
        }
      }
    }
    throw invalid(path + " must be one of " + allowed + ", was " + describe(n));
  }

  static BigDecimal decimalString(JsonNode n, String path) {
    if (!n.isTextual()) {
      throw invalid(path + " must be a decimal string such as \"100\", was " + describe(n));
    }
    BigDecimal d;
    try {
      d = new BigDecimal(n.textValue());
    } catch (NumberFormatException e) {
      throw invalid(path + " must be a decimal string such as \"100\", was " + describe(n));
    }
    return inRange(d, n, path);
  }

  static BigDecimal positiveDecimalString(JsonNode n, String path) {
    BigDecimal d = decimalString(n, path);
    if (d.signum() <= 0) {
      throw invalid(path + " must be > 0, was " + describe(n));
    }
    return d;
  }

  static BigDecimal nonNegativeDecimalString(JsonNode n, String path) {
    BigDecimal d = decimalString(n, path);
    if (d.signum() < 0) {
      throw invalid(path + " must be >= 0, was " + describe(n));
    }
    return d;
  }

  static BigDecimal finiteNumber(JsonNode n, String path) {
    if (!n.isNumber()) {
      throw invalid(path + " must be a number, was " + describe(n));
    }
    if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
      throw invalid(path + " must be finite, was " + describe(n));
    }
    return inRange(n.decimalValue(), n, path);
  }

  /** Keeps exact arithmetic cheap: no 1E+999999999 that would print a billion digits. */
  static BigDecimal inRange(BigDecimal d, JsonNode n, String path) {
    BigDecimal s = d.stripTrailingZeros();
    if (s.scale() > MAX_DIGITS || s.precision() - s.scale() > MAX_DIGITS) {
      throw invalid(
          path
              + " is out of range (at most "
              + MAX_DIGITS
              + " digits before and after the decimal point), was "
              + describe(n));
    }
    return d;
  }

  // ---- messages ----

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The value as it appears in JSON, shortened; containers by kind. */
  static String describe(JsonNode n) {
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "an array";
    }
    // Numbers as written (NaN unquoted); everything else as JSON text.
    String s = n.isNumber() ? n.asText() : n.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  static InvalidConfigException invalid(String message) {
    return new InvalidConfigException(message);
  }
}
