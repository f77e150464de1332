package dev.rebalance.core.legacy;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.legacy.LocatedJson.Kind;
import dev.rebalance.core.legacy.LocatedJson.Node;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the original bot's {@code position_tracking.json} and validates all of it: every message
 * names the file, the JSON path and the line; timestamps without an offset are read in the default
 * zone and counted; fields the store has no place for are listed, not dropped silently.
 *
 * <p>Immutable; each {@link #parse} call has its own state, so it is thread-safe.
 */
final class LegacyParser {
  private static final BigDecimal SCORE_DIFF_TOLERANCE = new BigDecimal("0.000001");

  private final ZoneId defaultZone;

  LegacyParser(ZoneId defaultZone) {
    this.defaultZone = defaultZone;
  }

  /** What the file holds, validated; oldest history first. */
  static final class Parsed {
    final List<TrackedEntry> entries = new ArrayList<>();
    final Set<String> locks = new LinkedHashSet<>();
    Optional<Instant> lastRebalance = Optional.empty();
    final List<RebalanceEvent> history = new ArrayList<>();
    final List<String> ignored = new ArrayList<>();
    int withoutOffset;
  }

  /**
   * Reads and validates the whole file.
   *
   * @param file the original bot's tracking file
   * @return its content
   * @throws InvalidConfigException if the file cannot be read or is invalid, naming the JSON path
   *     and line
   */
  Parsed parse(Path file) {
    String name = file.toString();
    Node root;
    try (Reader r =
        new InputStreamReader(
            Files.newInputStream(file),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT))) {
      root = LocatedJson.parse(name, r);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigException(name + ": file not found", e);
    } catch (CharacterCodingException e) {
      throw new InvalidConfigException(name + ": not valid UTF-8 text", e);
    } catch (IOException e) {
      throw new InvalidConfigException(name + ": cannot be read: " + e.getMessage(), e);
    }
    Parsed out = new Parsed();
    Checker c = new Checker(name);
    c.expect(root, Kind.OBJECT);
    for (Map.Entry<String, Node> f : root.fields().entrySet()) {
      Node v = f.getValue();
      switch (f.getKey()) {
        case "positions":
          if (v.kind != Kind.NULL) {
            c.expect(v, Kind.OBJECT);
            for (Map.Entry<String, Node> p : v.fields().entrySet()) {
              out.entries.add(entry(c, p.getKey(), p.getValue(), out));
            }
          }
          break;
        case "locked_positions":
          if (v.kind != Kind.NULL) {
            c.expect(v, Kind.ARRAY);
            for (Node s : v.items()) {
              c.expect(s, Kind.STRING);
              out.locks.add(c.symbol(s, s.text()));
            }
          }
          break;
        case "last_rebalance":
          if (v.kind != Kind.NULL) {
            out.lastRebalance = Optional.of(timestamp(c, v, out));
          }
          break;
        case "rebalancing_history":
          if (v.kind != Kind.NULL) {
            c.expect(v, Kind.ARRAY);
            for (Node h : v.items()) {
              out.history.add(event(c, h, out));
            }
          }
          break;
        default:
          out.ignored.add(v.path);
      }
    }
    // Oldest first; a stable sort keeps the file's order for equal timestamps.
    out.history.sort(Comparator.comparing(RebalanceEvent::timestamp));
    return out;
  }

  private TrackedEntry entry(Checker c, String symbol, Node n, Parsed out) {
    c.expect(n, Kind.OBJECT);
    TrackedEntry.Builder b =
        TrackedEntry.builder().symbol(c.symbol(n, symbol)).source(EntrySource.IMPORT);
    boolean hasTime = false;
    for (Map.Entry<String, Node> f : n.fields().entrySet()) {
      Node v = f.getValue();
      switch (f.getKey()) {
        case "entry_time":
          b.entryTime(timestamp(c, v, out));
          hasTime = true;
          break;
        case "entry_price":
          if (v.kind != Kind.NULL) {
            c.expect(v, Kind.NUMBER);
            if (v.number().signum() <= 0) {
              throw c.error(v, "entry_price must be > 0, was " + v.number().toPlainString());
            }
            b.entryPrice(v.number());
          }
          break;
        case "score":
          if (v.kind != Kind.NULL) {
            c.expect(v, Kind.NUMBER);
            b.score(v.number());
          }
          break;
        case "reason":
          if (v.kind != Kind.NULL) {
            c.expect(v, Kind.STRING);
            b.reason(v.text());
          }
          break;
        default:
          out.ignored.add(v.path);
      }
    }
    if (!hasTime) {
      throw c.error(n, "entry_time is missing (every position needs the time it was entered)");
    }
    return b.build();
  }

  private RebalanceEvent event(Checker c, Node n, Parsed out) {
    c.expect(n, Kind.OBJECT);
    RebalanceEvent.Builder b = RebalanceEvent.builder();
    Map<String, Node> f = n.fields();
    for (String required :
        List.of("timestamp", "old_symbol", "new_symbol", "old_score", "new_score")) {
      if (!f.containsKey(required)) {
        throw c.error(n, required + " is missing");
      }
    }
    BigDecimal oldScore = BigDecimal.ZERO;
    BigDecimal newScore = BigDecimal.ZERO;
    Node diff = null;
    for (Map.Entry<String, Node> e : f.entrySet()) {
      Node v = e.getValue();
      switch (e.getKey()) {
        case "timestamp":
          b.timestamp(timestamp(c, v, out));
          break;
        case "old_symbol":
          c.expect(v, Kind.STRING);
          b.oldSymbol(c.symbol(v, v.text()));
          break;
        case "new_symbol":
          c.expect(v, Kind.STRING);
          b.newSymbol(c.symbol(v, v.text()));
          break;
        case "old_score":
          c.expect(v, Kind.NUMBER);
          oldScore = v.number();
          b.oldScore(oldScore);
          break;
        case "new_score":
          c.expect(v, Kind.NUMBER);
          newScore = v.number();
          b.newScore(newScore);
          break;
        case "score_diff":
          if (v.kind != Kind.NULL) {
            c.expect(v, Kind.NUMBER);
            diff = v;
          }
          break;
        default:
          out.ignored.add(v.path);
      }
    }
    if (diff != null) {
      BigDecimal expected = newScore.subtract(oldScore);
      if (diff.number().subtract(expected).abs().compareTo(SCORE_DIFF_TOLERANCE) > 0) {
        throw c.error(
            diff,
            "score_diff must equal new_score - old_score ("
                + expected.toPlainString()
                + "), was "
                + diff.number().toPlainString());
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException ex) {
      throw c.error(n, Objects.toString(ex.getMessage(), ex.toString()));
    }
  }

  private Instant timestamp(Checker c, Node v, Parsed out) {
    c.expect(v, Kind.STRING);
    String text = v.text().strip();
    // Python's str(datetime) separates date and time with a space.
    if (text.length() > 10 && text.charAt(10) == ' ') {
      text = text.substring(0, 10) + 'T' + text.substring(11);
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withOffset) {
      try {
        Instant t = LocalDateTime.parse(text).atZone(defaultZone).toInstant();
        out.withoutOffset++;
        return t;
      } catch (DateTimeParseException local) {
        throw c.error(
            v,
            "expected an ISO-8601 timestamp such as 2025-11-25T15:45:00+00:00, was "
                + v.describe());
      }
    }
  }

  /** Builds messages naming the file, the JSON path and the line. */
  private static final class Checker {
    private final String file;

    Checker(String file) {
      this.file = file;
    }

    void expect(Node n, Kind kind) {
      if (n.kind != kind) {
        String want;
        switch (kind) {
          case OBJECT:
            want = "an object";
            break;
          case ARRAY:
            want = "an array";
            break;
          case STRING:
            want = "a string";
            break;
          case NUMBER:
            want = "a number";
            break;
          default:
            want = kind.name().toLowerCase(Locale.ROOT);
        }
        throw error(n, "expected " + want + ", was " + n.describe());
      }
    }

    String symbol(Node n, String symbol) {
      if (symbol.isBlank() || !symbol.equals(symbol.strip())) {
        throw error(n, "symbol must be non-blank without surrounding spaces, was '" + symbol + "'");
      }
      return symbol;
    }

    InvalidConfigException error(Node n, String message) {
      return new InvalidConfigException(file + ": " + n.where() + ": " + message);
    }
  }
}
