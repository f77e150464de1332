package dev.rebalance.cli;

import static dev.rebalance.cli.ScenarioFields.bool;
import static dev.rebalance.cli.ScenarioFields.build;
import static dev.rebalance.cli.ScenarioFields.describe;
import static dev.rebalance.cli.ScenarioFields.enumValue;
import static dev.rebalance.cli.ScenarioFields.finiteNumber;
import static dev.rebalance.cli.ScenarioFields.instant;
import static dev.rebalance.cli.ScenarioFields.invalid;
import static dev.rebalance.cli.ScenarioFields.knownFields;
import static dev.rebalance.cli.ScenarioFields.nonNegativeDecimalString;
import static dev.rebalance.cli.ScenarioFields.nonNegativeNumber;
import static dev.rebalance.cli.ScenarioFields.optional;
import static dev.rebalance.cli.ScenarioFields.positiveDecimalString;
import static dev.rebalance.cli.ScenarioFields.requireArray;
import static dev.rebalance.cli.ScenarioFields.requireObject;
import static dev.rebalance.cli.ScenarioFields.required;
import static dev.rebalance.cli.ScenarioFields.string;
import static dev.rebalance.cli.ScenarioFields.symbol;
import static dev.rebalance.cli.ScenarioFields.symbolObjects;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.rebalance.api.Candidate;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.tracking.RecentSwap;
import dev.rebalance.core.tracking.TrackerState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and validates an {@code explain} scenario. Every problem becomes an {@link
 * InvalidConfigException} whose one-line message names the field by its JSON path ({@code
 * positions[1].qty}) and says what is wrong and what was found. The {@code config} object is handed
 * to a config parser (the project's config loader in production).
 *
 * <p>Instances are immutable and thread-safe.
 */
final class ScenarioReader {

  private static final List<String> TOP_FIELDS =
      List.of("now", "config", "positions", "candidates", "tracker");
  private static final List<String> POSITION_FIELDS =
      List.of("symbol", "qty", "price", "score", "fractionable", "spreadBps");
  private static final List<String> CANDIDATE_FIELDS =
      List.of("symbol", "score", "price", "fractionable", "spreadBps");
  private static final List<String> TRACKER_FIELDS =
      List.of("entries", "locks", "lastRebalance", "recentSwaps");
  private static final List<String> RECENT_SWAP_FIELDS = List.of("at", "sold", "bought");

  /**
   * The largest scenario read: 16 MiB. A larger file (or an endless one such as {@code /dev/zero})
   * fails at once, after reading at most this much.
   */
  static final long MAX_BYTES = 16L * 1024 * 1024;

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
          .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          // Scores keep the digits they were written with (60.0 stays 60.0, 40 stays 40): the
          // output prints oldScore and newScore as written.
          .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

  private final Function<JsonNode, RebalanceConfig> configParser;

  /**
   * @param configParser turns the scenario's {@code config} object into a validated config,
   *     throwing {@link InvalidConfigException} naming the field ({@code config.sellFraction ...})
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
    String source = "scenario file '" + file + "'";
    try {
      if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
        throw tooLarge(source);
      }
      try (InputStream in = new BoundedInputStream(Files.newInputStream(file), MAX_BYTES)) {
        return parse(in, source);
      }
    } catch (NoSuchFileException e) {
      throw new InvalidConfigException(source + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new InvalidConfigException(source + " cannot be read: permission denied", e);
    } catch (BoundedInputStream.TooLarge e) {
      throw tooLarge(source);
    } catch (IOException e) {
      throw new InvalidConfigException(source + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static InvalidConfigException tooLarge(String source) {
    return new InvalidConfigException(
        source + " is larger than " + (MAX_BYTES >> 20) + " MiB, the most a scenario may be");
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
    try {
      return parse(new ByteArrayInputStream(json), source);
    } catch (IOException e) {
      throw new InvalidConfigException(source + " cannot be read: " + e.getMessage(), e);
    }
  }

  private Scenario parse(InputStream json, String source) throws IOException {
    JsonNode root;
    try {
      root = READER.readTree(json);
    } catch (BoundedInputStream.TooLarge e) {
      throw e;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidConfigException(
          source + " is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
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
    RebalanceConfig config =
        optional(root, "config").map(this::config).orElseGet(RebalanceConfig::defaults);
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
          BigDecimal spread =
              optional(p, "spreadBps")
                  .map(n -> nonNegativeNumber(n, path + ".spreadBps"))
                  .orElse(BigDecimal.ZERO);
          return build(
              path,
              () ->
                  HeldPosition.builder()
                      .symbol(symbol)
                      .qty(qty)
                      .price(price)
                      .score(score)
                      .fractionable(fractionable)
                      .spreadBps(spread)
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
          Optional<BigDecimal> price =
              optional(c, "price").map(n -> positiveDecimalString(n, path + ".price"));
          boolean fractionable =
              optional(c, "fractionable").map(n -> bool(n, path + ".fractionable")).orElse(false);
          BigDecimal spread =
              optional(c, "spreadBps")
                  .map(n -> nonNegativeNumber(n, path + ".spreadBps"))
                  .orElse(BigDecimal.ZERO);
          return build(
              path,
              () ->
                  Candidate.builder()
                      .symbol(symbol)
                      .score(score)
                      .price(price)
                      .fractionable(fractionable)
                      .spreadBps(spread)
                      .build());
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
    optional(node, "recentSwaps").ifPresent(a -> b.recentSwaps(recentSwaps(a, now)));
    return b.build();
  }

  private static List<RecentSwap> recentSwaps(JsonNode array, Instant now) {
    String name = "tracker.recentSwaps";
    requireArray(array, name);
    List<RecentSwap> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = name + "[" + i + "]";
      JsonNode node = array.get(i);
      requireObject(node, path);
      knownFields(node, path, RECENT_SWAP_FIELDS);
      Instant at = instant(required(node, path, "at"), path + ".at");
      if (at.isAfter(now)) {
        throw invalid(path + ".at must not be after now (" + now + "), was " + at);
      }
      String sold = symbol(required(node, path, "sold"), path + ".sold");
      Optional<String> bought = optional(node, "bought").map(n -> symbol(n, path + ".bought"));
      out.add(build(path, () -> RecentSwap.builder().at(at).sold(sold).bought(bought).build()));
    }
    return out;
  }

  private static List<TrackedEntry> entries(JsonNode array) {
    return symbolObjects(
        array,
        "tracker.entries",
        ENTRY_FIELDS,
        (e, path, symbol) -> {
          Instant entryTime = instant(required(e, path, "entryTime"), path + ".entryTime");
          Optional<BigDecimal> entryPrice =
              optional(e, "entryPrice").map(n -> positiveDecimalString(n, path + ".entryPrice"));
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
}
