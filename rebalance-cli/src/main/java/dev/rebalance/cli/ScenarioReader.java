package dev.rebalance.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.rebalance.api.Candidate;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.RebalanceConfig;
import dev.rebalance.core.TrackerState;
import dev.rebalance.core.json.RebalanceJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads and validates an {@code explain} scenario. Every problem becomes an {@link
 * InvalidConfigException} whose one-line message names the field by its JSON path ({@code
 * positions[1].qty}) and says what is wrong and what was found. The {@code config} object is
 * handed to a config parser (the project's config loader in production).
 *
 * <p>Instances are immutable and thread-safe.
 */
final class ScenarioReader {

  /** Decimals may have at most this many digits before and after the decimal point. */
  static final int MAX_DIGITS = 100;

  private static final List<String> TOP_FIELDS =
      List.of("now", "config", "positions", "candidates", "tracker");
  private static final List<String> POSITION_FIELDS =
      List.of("symbol", "qty", "price", "score", "fractionable");
  private static final List<String> CANDIDATE_FIELDS = List.of("symbol", "score");
  private static final List<String> TRACKER_FIELDS = List.of("entries", "locks", "lastRebalance");
  private static final List<String> ENTRY_FIELDS =
      List.of("symbol", "entryTime", "entryPrice", "qty", "score", "reason", "source");
  private static final List<String> LOCK_FIELDS =
      List.of("symbol", "reason", "lockedBy", "lockedAt", "expiresAt");

  /**
   * Strict: duplicate keys are errors; {@code NaN} and {@code Infinity} are read (so the message
   * can say the score must be finite) and then rejected.
   */
  private static final ObjectReader READER =
      RebalanceJson.json()
          .reader()
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

  private final Function<JsonNode, RebalanceConfig> configParser;

  /**
   * @param configParser turns the scenario's {@code config} object into a validated config, throwing
   *     {@link InvalidConfigException} naming the field ({@code config.sellFraction ...})
   */
  ScenarioReader(Function<JsonNode, RebalanceConfig> configParser) {
    this.configParser = configParser;
  }

  /**
   * Reads a scenario file.
   *
   * @param file the file
   * @return the validated scenario
   * @throws InvalidConfigException if the file cannot be read or the scenario is invalid
   */
  Scenario read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigException("scenario file '" + file + "' does not exist", e);
    } catch (AccessDeniedException e) {
      throw new InvalidConfigException(
          "scenario file '" + file + "' cannot be read: permission denied", e);
    } catch (IOException e) {
      throw new InvalidConfigException(
          "scenario file '" + file + "' cannot be read: " + e.getMessage(), e);
    }
    return parse(bytes, "scenario file '" + file + "'");
  }

  /**
   * Parses a scenario from JSON bytes.
   *
   * @param json the JSON text
   * @param source names the input in messages ("scenario file 'a.json'")
   * @return the validated scenario
   * @throws InvalidConfigException if the text is not JSON or the scenario is invalid
   */
  Scenario parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = READER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidConfigException(
          source + " is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidConfigException(source + " cannot be read: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidConfigException(source + " is empty");
    }
    return scenario(root);
  }

  private Scenario scenario(JsonNode root) {
    if (!root.isObject()) {
      throw invalid("the scenario must be a JSON object, was " + describe(root));
    }
    knownFields(root, "", TOP_FIELDS);
    Instant now = instant(required(root, "", "now"), "now");
    RebalanceConfig config = optional(root, "config").map(this::config).orElseGet(RebalanceConfig::defaults);
    List<HeldPosition> positions = positions(required(root, "", "positions"));
    List<Candidate> candidates = candidates(required(root, "", "candidates"));
    TrackerState tracker =
        optional(root, "tracker").map(t -> tracker(t, now)).orElseGet(TrackerState::empty);
    return new Scenario(now, config, positions, candidates, tracker);
  }

  private RebalanceConfig config(JsonNode node) {
    requireObject(node, "config");
    try {
      return configParser.apply(node);
    } catch (InvalidConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidConfigException("config is invalid: " + e.getMessage(), e);
    }
  }

  private static List<HeldPosition> positions(JsonNode array) {
    return symbolObjects(
        array,
        "positions",
        POSITION_FIELDS,
        (p, path, symbol) -> {
          BigDecimal qty = positiveDecimalString(required(p, path, "qty"), path + ".qty");
          Optional<BigDecimal> price =
              optional(p, "price").map(n -> positiveDecimalString(n, path + ".price"));
          BigDecimal score = finiteNumber(required(p, path, "score"), path + ".score");
          boolean fractionable =
              optional(p, "fractionable").map(n -> bool(n, path + ".fractionable")).orElse(false);
          return build(
              path,
              () ->
                  HeldPosition.builder()
                      .symbol(symbol)
                      .qty(qty)
                      .price(price)
                      .score(score)
                      .fractionable(fractionable)
                      .build());
        });
  }

  private static List<Candidate> candidates(JsonNode array) {
    return symbolObjects(
        array,
        "candidates",
        CANDIDATE_FIELDS,
        (c, path, symbol) -> {
          BigDecimal score = finiteNumber(required(c, path, "score"), path + ".score");
          return build(path, () -> Candidate.of(symbol, score));
        });
  }

  private static TrackerState tracker(JsonNode node, Instant now) {
    requireObject(node, "tracker");
    knownFields(node, "tracker", TRACKER_FIELDS);
    TrackerState.Builder b = TrackerState.builder();
    optional(node, "entries").ifPresent(a -> entries(a).forEach(e -> b.putEntries(e.symbol(), e)));
    optional(node, "locks").ifPresent(a -> locks(a, now).forEach(l -> b.putLocks(l.symbol(), l)));
    optional(node, "lastRebalance")
        .ifPresent(n -> b.lastRebalance(instant(n, "tracker.lastRebalance")));
    return b.build();
  }

  private static List<TrackedEntry> entries(JsonNode array) {
    return symbolObjects(
        array,
        "tracker.entries",
        ENTRY_FIELDS,
        (e, path, symbol) -> {
          Instant entryTime = instant(required(e, path, "entryTime"), path + ".entryTime");
          Optional<BigDecimal> entryPrice =
              optional(e, "entryPrice")
                  .map(n -> positiveDecimalString(n, path + ".entryPrice"));
          Optional<BigDecimal> qty =
              optional(e, "qty").map(n -> nonNegativeDecimalString(n, path + ".qty"));
          Optional<BigDecimal> score =
              optional(e, "score").map(n -> finiteNumber(n, path + ".score"));
          Optional<String> reason = optional(e, "reason").map(n -> string(n, path + ".reason"));
          EntrySource source =
              optional(e, "source")
                  .map(n -> enumValue(n, path + ".source", EntrySource.class))
                  .orElse(EntrySource.FILL);
          return build(
              path,
              () ->
                  TrackedEntry.builder()
                      .symbol(symbol)
                      .entryTime(entryTime)
                      .entryPrice(entryPrice)
                      .qty(qty)
                      .score(score)
                      .reason(reason)
                      .source(source)
                      .build());
        });
  }

  private static List<PositionLock> locks(JsonNode array, Instant now) {
    return symbolObjects(
        array,
        "tracker.locks",
        LOCK_FIELDS,
        (l, path, symbol) -> {
          Optional<String> reason = optional(l, "reason").map(n -> string(n, path + ".reason"));
          Optional<String> lockedBy =
              optional(l, "lockedBy").map(n -> string(n, path + ".lockedBy"));
          Optional<Instant> expiresAt =
              optional(l, "expiresAt").map(n -> instant(n, path + ".expiresAt"));
          Optional<Instant> givenLockedAt =
              optional(l, "lockedAt").map(n -> instant(n, path + ".lockedAt"));
          if (givenLockedAt.isPresent()
              && expiresAt.isPresent()
              && !expiresAt.get().isAfter(givenLockedAt.get())) {
            throw invalid(
                path
                    + ".expiresAt must be after lockedAt ("
                    + givenLockedAt.get()
                    + "), was "
                    + expiresAt.get());
          }
          // lockedAt is informative only; without one, the lock was placed at `now`, or just
          // before it expired when it has already expired.
          Instant lockedAt =
              givenLockedAt.orElseGet(
                  () ->
                      expiresAt
                          .filter(e -> !e.isAfter(now))
                          .map(e -> e.minusSeconds(1))
                          .orElse(now));
          return build(
              path,
              () ->
                  PositionLock.builder()
                      .symbol(symbol)
                      .reason(reason)
                      .lockedBy(lockedBy)
                      .lockedAt(lockedAt)
                      .expiresAt(expiresAt)
                      .build());
        });
  }

  // ---- field access ----

  /** Reads one element of an array of objects keyed by a unique symbol. */
  @FunctionalInterface
  private interface SymbolObject<T> {
    T read(JsonNode node, String path, String symbol);
  }

  /**
   * An array of objects, each with only {@code fields}, a valid {@code symbol} and no symbol twice;
   * {@code element} reads the rest of each.
   */
  private static <T> List<T> symbolObjects(
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

  private static void knownFields(JsonNode object, String path, List<String> known) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw invalid(
            child(path, name)
                + " is not a known field (known: "
                + String.join(", ", known)
                + ")");
      }
    }
  }

  private static JsonNode required(JsonNode object, String path, String name) {
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
  private static Optional<JsonNode> optional(JsonNode object, String name) {
    JsonNode n = object.get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  private static void requireObject(JsonNode n, String path) {
    if (!n.isObject()) {
      throw invalid(path + " must be an object, was " + describe(n));
    }
  }

  private static void requireArray(JsonNode n, String path) {
    if (!n.isArray()) {
      throw invalid(path + " must be an array, was " + describe(n));
    }
  }

  private static String string(JsonNode n, String path) {
    if (!n.isTextual()) {
      throw invalid(path + " must be a string, was " + describe(n));
    }
    return n.textValue();
  }

  private static String symbol(JsonNode n, String path) {
    String s = string(n, path);
    if (s.isBlank()) {
      throw invalid(path + " must not be blank, was " + describe(n));
    }
    if (!s.equals(s.strip())) {
      throw invalid(path + " must not have leading or trailing spaces, was " + describe(n));
    }
    return s;
  }

  private static void unique(Map<String, String> seen, String symbol, String path) {
    String first = seen.putIfAbsent(symbol, path);
    if (first != null) {
      throw invalid(path + " \"" + symbol + "\" is listed twice (also at " + first + ")");
    }
  }

  private static boolean bool(JsonNode n, String path) {
    if (!n.isBoolean()) {
      throw invalid(path + " must be true or false, was " + describe(n));
    }
    return n.booleanValue();
  }

  private static Instant instant(JsonNode n, String path) {
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

  private static <E extends Enum<E>> E enumValue(JsonNode n, String path, Class<E> type) {
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

  private static BigDecimal decimalString(JsonNode n, String path) {
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

  private static BigDecimal positiveDecimalString(JsonNode n, String path) {
    BigDecimal d = decimalString(n, path);
    if (d.signum() <= 0) {
      throw invalid(path + " must be > 0, was " + describe(n));
    }
    return d;
  }

  private static BigDecimal nonNegativeDecimalString(JsonNode n, String path) {
    BigDecimal d = decimalString(n, path);
    if (d.signum() < 0) {
      throw invalid(path + " must be >= 0, was " + describe(n));
    }
    return d;
  }

  private static BigDecimal finiteNumber(JsonNode n, String path) {
    if (!n.isNumber()) {
      throw invalid(path + " must be a number, was " + describe(n));
    }
    if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
      throw invalid(path + " must be finite, was " + describe(n));
    }
    return inRange(n.decimalValue(), n, path);
  }

  /** Keeps exact arithmetic cheap: no 1E+999999999 that would print a billion digits. */
  private static BigDecimal inRange(BigDecimal d, JsonNode n, String path) {
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

  private static <T> T build(String path, Supplier<T> builder) {
    try {
      return builder.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw invalid(path + ": " + e.getMessage());
    }
  }

  // ---- messages ----

  private static String child(String path, String name) {
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

  private static InvalidConfigException invalid(String message) {
    return new InvalidConfigException(message);
  }
}
