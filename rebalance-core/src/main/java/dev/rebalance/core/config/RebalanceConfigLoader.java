package dev.rebalance.core.config;

import static dev.rebalance.core.config.ConfigValues.costs;
import static dev.rebalance.core.config.ConfigValues.decimal;
import static dev.rebalance.core.config.ConfigValues.describe;
import static dev.rebalance.core.config.ConfigValues.duration;
import static dev.rebalance.core.config.ConfigValues.firstLine;
import static dev.rebalance.core.config.ConfigValues.isWhole;
import static dev.rebalance.core.config.ConfigValues.minutes;
import static dev.rebalance.core.config.ConfigValues.turnoverBudget;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.core.json.RebalanceJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a {@link RebalanceConfig} from JSON or YAML. Every key is optional; an absent key keeps its
 * default. Two spellings are accepted:
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>original bot's key</th><th>value</th></tr>
 *   <tr><td>{@code enabled}</td><td>{@code enable_rebalancing}</td><td>true or false</td></tr>
 *   <tr><td>{@code scoreThreshold}</td><td>{@code rebalance_score_diff}</td><td>a number
 *       {@code >= 0}</td></tr>
 *   <tr><td>{@code minHoldTime}</td><td>{@code rebalance_min_hold_time}</td><td>ISO-8601 duration
 *       ({@code "PT30M"}); the original key takes whole minutes</td></tr>
 *   <tr><td>{@code cooldown}</td><td>{@code rebalance_cooldown_minutes}</td><td>ISO-8601 duration;
 *       the original key takes whole minutes</td></tr>
 *   <tr><td>{@code sellFraction}</td><td>{@code rebalance_partial_sell_pct}</td><td>in (0, 1]; the
 *       original key is in [0, 1] and 0.0 means a full sale (fraction 1)</td></tr>
 *   <tr><td>{@code unknownEntryTime}</td><td>—</td><td>{@code BLOCK} or {@code ALLOW}</td></tr>
 *   <tr><td>{@code maxSwapsPerScan}</td><td>—</td><td>a whole number {@code >= 1}</td></tr>
 *   <tr><td>{@code reentryBlock}</td><td>—</td><td>ISO-8601 duration {@code >= 0}</td></tr>
 *   <tr><td>{@code turnoverBudget}</td><td>—</td><td>{@code {"swaps": N, "window": D}}: N whole
 *       {@code >= 1}, D duration {@code > 0}</td></tr>
 *   <tr><td>{@code costs}</td><td>—</td><td>{@code {"feeBps": F, "edgeBpsPerPoint": E,
 *       "minNetEdgeBps": M}}: F {@code >= 0} (default 0), E {@code > 0} (required), M any number
 *       (default 0)</td></tr>
 * </table>
 *
 * <p>Numbers are read as exact decimals. Unknown keys, a value of the wrong type, a non-finite
 * number, a value out of range, a key given twice, or both spellings of one setting fail with an
 * {@link InvalidConfigException} whose message names the field, for example {@code
 * config.sellFraction must be in (0, 1], was 1.5}.
 *
 * <p>Stateless; all methods are thread-safe.
 */
public final class RebalanceConfigLoader {

  private static final Map<String, Setting> CAMEL = new LinkedHashMap<>();
  private static final Map<String, Setting> ORIGINAL = new LinkedHashMap<>();

  static {
    CAMEL.put("enabled", Setting.ENABLED);
    CAMEL.put("scoreThreshold", Setting.SCORE_THRESHOLD);
    CAMEL.put("minHoldTime", Setting.MIN_HOLD_TIME);
    CAMEL.put("cooldown", Setting.COOLDOWN);
    CAMEL.put("sellFraction", Setting.SELL_FRACTION);
    CAMEL.put("unknownEntryTime", Setting.UNKNOWN_ENTRY_TIME);
    CAMEL.put("maxSwapsPerScan", Setting.MAX_SWAPS_PER_SCAN);
    CAMEL.put("reentryBlock", Setting.REENTRY_BLOCK);
    CAMEL.put("turnoverBudget", Setting.TURNOVER_BUDGET);
    CAMEL.put("costs", Setting.COSTS);
    ORIGINAL.put("enable_rebalancing", Setting.ENABLED);
    ORIGINAL.put("rebalance_score_diff", Setting.SCORE_THRESHOLD);
    ORIGINAL.put("rebalance_min_hold_time", Setting.MIN_HOLD_TIME);
    ORIGINAL.put("rebalance_cooldown_minutes", Setting.COOLDOWN);
    ORIGINAL.put("rebalance_partial_sell_pct", Setting.SELL_FRACTION);
  }

  private enum Setting {
    ENABLED,
    SCORE_THRESHOLD,
    MIN_HOLD_TIME,
    COOLDOWN,
    SELL_FRACTION,
    UNKNOWN_ENTRY_TIME,
    MAX_SWAPS_PER_SCAN,
    REENTRY_BLOCK,
    TURNOVER_BUDGET,
    COSTS
  }

  private RebalanceConfigLoader() {}

  /**
   * Reads a configuration file: JSON when its name ends in {@code .json}, YAML when it ends in
   * {@code .yaml} or {@code .yml} (case-insensitive). Error messages start with the file name.
   *
   * @param file the file
   * @return the validated configuration
   * @throws InvalidConfigException if the file cannot be read, has another extension, or holds an
   *     invalid configuration
   */
  public static RebalanceConfig load(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    ObjectMapper mapper;
    String format;
    if (lower.endsWith(".json")) {
      mapper = RebalanceJson.json();
      format = "JSON";
    } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      mapper = RebalanceJson.yaml();
      format = "YAML";
    } else {
      throw new InvalidConfigException(
          file + ": unknown configuration format; the file name must end in .json, .yaml or .yml");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigException(file + ": no such configuration file", e);
    } catch (IOException e) {
      throw new InvalidConfigException(file + ": cannot read the configuration file: " + e, e);
    }
    try {
      return parse(mapper, format, text);
    } catch (InvalidConfigException e) {
      throw new InvalidConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a configuration from JSON text. Field names in messages carry no prefix ({@code
   * sellFraction must be in (0, 1], was 1.5}).
   *
   * @param json a JSON object
   * @return the validated configuration
   * @throws InvalidConfigException if the text is not a JSON object or holds an invalid value
   */
  public static RebalanceConfig fromJson(String json) {
    return parse(RebalanceJson.json(), "JSON", Objects.requireNonNull(json, "json"));
  }

  /**
   * Reads a configuration from YAML text (a mapping).
   *
   * @param yaml a YAML mapping
   * @return the validated configuration
   * @throws InvalidConfigException if the text is not a YAML mapping or holds an invalid value
   */
  public static RebalanceConfig fromYaml(String yaml) {
    return parse(RebalanceJson.yaml(), "YAML", Objects.requireNonNull(yaml, "yaml"));
  }

  /**
   * Reads a configuration from an already parsed tree, for formats that embed one (a scenario's
   * {@code config} object). Field names in messages are prefixed with {@code fieldPrefix} and a dot
   * ({@code fieldPrefix} "config" gives {@code config.sellFraction must be ...}); an empty prefix
   * gives bare names, and a prefix that already ends in a dot is used as is.
   *
   * @param node a JSON object node
   * @param fieldPrefix the path of {@code node} in its document, or "" for none
   * @return the validated configuration
   * @throws InvalidConfigException if the node is not an object or holds an invalid value
   */
  public static RebalanceConfig fromNode(JsonNode node, String fieldPrefix) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(fieldPrefix, "fieldPrefix");
    String prefix =
        fieldPrefix.isEmpty() || fieldPrefix.endsWith(".") ? fieldPrefix : fieldPrefix + ".";
    if (!node.isObject()) {
      String what =
          prefix.isEmpty() ? "the configuration" : prefix.substring(0, prefix.length() - 1);
      throw new InvalidConfigException(what + " must be an object, was " + describe(node));
    }
    Map<Setting, String> seen = new LinkedHashMap<>();
    RebalanceConfig.Builder builder = RebalanceConfig.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      String name = prefix + key;
      boolean original = false;
      Setting setting = CAMEL.get(key);
      if (setting == null) {
        setting = ORIGINAL.get(key);
        original = true;
      }
      if (setting == null) {
        throw new InvalidConfigException(
            name
                + " is not a known setting; known: "
                + String.join(", ", CAMEL.keySet())
                + ", or the original bot's "
                + String.join(", ", ORIGINAL.keySet()));
      }
      String earlier = seen.putIfAbsent(setting, name);
      if (earlier != null) {
        throw new InvalidConfigException(
            earlier + " and " + name + " are the same setting; give only one of them");
      }
      apply(builder, setting, original, name, field.getValue());
    }
    try {
      return builder.build();
    } catch (InvalidConfigException e) {
      // Every value was checked above; keep the field prefix if a cross-field rule appears later.
      throw new InvalidConfigException(prefix + e.getMessage(), e);
    }
  }

  private static RebalanceConfig parse(ObjectMapper mapper, String format, String text) {
    JsonNode node;
    try {
      node = mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 0
              ? ""
              : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidConfigException(
          "invalid " + format + where + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read the " + format + " configuration: " + e, e);
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidConfigException("the configuration is empty; write {} to use every default");
    }
    return fromNode(node, "");
  }

  private static void apply(
      RebalanceConfig.Builder b, Setting setting, boolean original, String name, JsonNode v) {
    switch (setting) {
      case ENABLED:
        if (!v.isBoolean()) {
          throw new InvalidConfigException(name + " must be true or false, was " + describe(v));
        }
        b.enabled(v.booleanValue());
        break;
      case SCORE_THRESHOLD:
        {
          BigDecimal threshold = decimal(name, v);
          ConfigChecks.scoreThreshold(name, threshold);
          b.scoreThreshold(threshold);
          break;
        }
      case MIN_HOLD_TIME:
        b.minHoldTime(original ? minutes(name, v) : duration(name, v));
        break;
      case COOLDOWN:
        b.cooldown(original ? minutes(name, v) : duration(name, v));
        break;
      case SELL_FRACTION:
        {
          BigDecimal f = decimal(name, v);
          if (original) {
            if (f.signum() < 0 || f.compareTo(BigDecimal.ONE) > 0) {
              throw new InvalidConfigException(
                  name + " must be in [0, 1] (0 means a full sale), was " + f.toPlainString());
            }
            b.sellFraction(f.signum() == 0 ? BigDecimal.ONE : f);
          } else {
            ConfigChecks.sellFraction(name, f);
            b.sellFraction(f);
          }
          break;
        }
      case UNKNOWN_ENTRY_TIME:
        {
          UnknownEntryTimeRule rule = null;
          if (v.isTextual()) {
            for (UnknownEntryTimeRule r : UnknownEntryTimeRule.values()) {
              if (r.name().equals(v.textValue())) {
                rule = r;
              }
            }
          }
          if (rule == null) {
            throw new InvalidConfigException(
                name + " must be one of BLOCK, ALLOW, was " + describe(v));
          }
          b.unknownEntryTime(rule);
          break;
        }
      case MAX_SWAPS_PER_SCAN:
        {
          BigDecimal n = decimal(name, v);
          if (!isWhole(n)) {
            throw new InvalidConfigException(
                name + " must be a whole number, was " + n.toPlainString());
          }
          long value;
          try {
            value = n.longValueExact();
          } catch (ArithmeticException e) {
            throw new InvalidConfigException(
                name + " must be <= " + Integer.MAX_VALUE + ", was " + n.toPlainString(), e);
          }
          ConfigChecks.maxSwapsPerScan(name, value);
          b.maxSwapsPerScan((int) value);
          break;
        }
      case REENTRY_BLOCK:
        b.reentryBlock(duration(name, v));
        break;
      case TURNOVER_BUDGET:
        b.turnoverBudget(turnoverBudget(name, v));
        break;
      case COSTS:
        b.costs(costs(name, v));
        break;
      default:
        throw new AssertionError(setting);
    }
  }
}
