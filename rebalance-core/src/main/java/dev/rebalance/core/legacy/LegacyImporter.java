package dev.rebalance.core.legacy;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.execution.HistoryRecorder;
import dev.rebalance.core.tracking.LockManager;
import dev.rebalance.core.log.LogEvents;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the original Python bot's {@code data/position_tracking.json} into a {@link
 * TrackerStore}.
 *
 * <p>The format (inferred from the original bot; see {@code docs/tracking.md}): a JSON object with
 * the optional keys {@code positions} (an object: symbol → {@code {entry_time, entry_price, score,
 * reason}}), {@code locked_positions} (an array of symbols), {@code last_rebalance} (a timestamp
 * or null) and {@code rebalancing_history} (an array of {@code {timestamp, old_symbol, new_symbol,
 * old_score, new_score, score_diff}}). Timestamps are ISO-8601 strings; one without an offset (as
 * Python's {@code datetime.isoformat()} writes for a naive time) is read in the importer's default
 * zone (UTC unless {@link #withDefaultZone changed}) and counted in the report. Scores and prices
 * are JSON numbers, read exactly.
 *
 * <p>Lenient about extra fields (ignored, listed in the report) and about {@code null} for an
 * optional value or a whole section; strict about types: a string where a number belongs, a
 * missing {@code entry_time}, a non-positive price, or a {@code score_diff} that differs from
 * {@code new_score − old_score} by more than 10<sup>-6</sup> is an {@link InvalidConfigException}
 * naming the file, the JSON path and the line. The whole file is validated before anything is
 * written, so a bad file writes nothing.
 *
 * <p>Idempotent: entries get {@link EntrySource#IMPORT} and are written only for symbols the store
 * has no entry for (an existing entry is never overwritten); locks only for symbols not already
 * locked (dated at the import, {@code lockedBy = "import"}); history events only if no event with
 * the same timestamp, symbols and scores is stored (or earlier in the file), appended oldest first;
 * the last-rebalance time only moves forward. Importing the same file twice changes nothing. If the
 * store fails part-way, re-running the import completes it.
 *
 * <pre>{@code
 * ImportReport report = LegacyImporter.create(Clock.systemUTC())
 *     .importFile(Path.of("data/position_tracking.json"), store, "default");
 * }</pre>
 *
 * <p>Immutable and thread-safe; concurrent imports into one account may both write an event
 * (run one import at a time).
 */
public final class LegacyImporter {
  private static final Logger log = LoggerFactory.getLogger(LegacyImporter.class);
  private static final BigDecimal SCORE_DIFF_TOLERANCE = new BigDecimal("0.000001");
  private static final int PAGE = 500;

  private final Clock clock;
  private final ZoneId defaultZone;

  private LegacyImporter(Clock clock, ZoneId defaultZone) {
    this.clock = clock;
    this.defaultZone = defaultZone;
  }

  /**
   * An importer that dates imported locks with {@code clock} and reads offset-less timestamps as
   * UTC.
   *
   * @param clock the clock
   * @return the importer
   */
  public static LegacyImporter create(Clock clock) {
    return new LegacyImporter(Objects.requireNonNull(clock, "clock"), ZoneId.of("UTC"));
  }

  /**
   * A copy that reads timestamps without an offset in {@code zone}.
   *
   * @param zone the zone the original bot ran in
   * @return the new importer
   */
  public LegacyImporter withDefaultZone(ZoneId zone) {
    return new LegacyImporter(clock, Objects.requireNonNull(zone, "zone"));
  }

  /**
   * Validates {@code file} completely, then writes what the store does not have yet.
   *
   * @param file the original bot's tracking file
   * @param store the store to import into
   * @param account the account id
   * @return what was imported and skipped
   * @throws IllegalArgumentException if {@code account} breaks the account-id rule of {@link
   *     Identifiers} (nothing is written)
   * @throws InvalidConfigException if the file cannot be read or is invalid (nothing is written)
   * @throws dev.rebalance.api.TrackerStoreException if the store fails
   */
  public ImportReport importFile(Path file, TrackerStore store, String account) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(account, "account");
    // All or nothing: the account id and the whole file are checked before the first write.
    Identifiers.checkAccountId("account", account);
    Parsed parsed = parse(file);
    ImportReport.Builder report =
        ImportReport.builder()
            .file(file.toString())
            .timestampsWithoutOffset(parsed.withoutOffset)
            .ignoredFields(parsed.ignored);

    // Plan everything against the store's current state before writing.
    Map<String, TrackedEntry> existing = new TreeMap<>();
    store.entries(account).forEach(e -> existing.put(e.symbol(), e));
    List<TrackedEntry> entriesToWrite = new ArrayList<>();
    int unchanged = 0;
    int kept = 0;
    for (TrackedEntry e : parsed.entries) {
      TrackedEntry old = existing.get(e.symbol());
      if (old == null) {
        entriesToWrite.add(e);
      } else if (old.equals(e)) {
        unchanged++;
      } else {
        kept++;
      }
    }
    Set<String> lockedNow = new HashSet<>();
    store.locks(account).forEach(l -> lockedNow.add(l.symbol()));
    List<String> locksToWrite = new ArrayList<>();
    for (String s : parsed.locks) {
      if (!lockedNow.contains(s)) {
        locksToWrite.add(s);
      }
    }
    List<RebalanceEvent> historyToWrite = new ArrayList<>();
    int historySkipped = 0;
    if (!parsed.history.isEmpty()) {
      Set<List<Object>> seen = existingHistoryKeys(store, account, parsed.history.get(0).timestamp());
      for (RebalanceEvent e : parsed.history) {
        if (seen.add(key(e))) {
          historyToWrite.add(e);
        } else {
          historySkipped++;
        }
      }
    }
    Optional<Instant> last = store.lastRebalance(account);
    boolean updateLast =
        parsed.lastRebalance.isPresent()
            && (last.isEmpty() || last.get().isBefore(parsed.lastRebalance.get()));

    // Write.
    for (TrackedEntry e : entriesToWrite) {
      store.putEntry(account, e);
      log.atInfo()
          .setMessage(LogEvents.POSITION_ENTRY_TRACKED)
          .addKeyValue("account", account)
          .addKeyValue("symbol", e.symbol())
          .addKeyValue("change", "import")
          .addKeyValue("entry_time", e.entryTime())
          .addKeyValue("source", EntrySource.IMPORT)
          .log();
    }
    LockManager locks = LockManager.create(store, account, clock);
    String reason = "imported from " + file.getFileName();
    for (String s : locksToWrite) {
      locks.lock(locks.newLock(s).reason(reason).lockedBy("import").build());
    }
    HistoryRecorder recorder = HistoryRecorder.create(store, account);
    historyToWrite.forEach(recorder::record);
    if (updateLast) {
      store.setLastRebalance(account, parsed.lastRebalance.get());
    }
    return report
        .entriesImported(entriesToWrite.size())
        .entriesUnchanged(unchanged)
        .entriesKept(kept)
        .locksImported(locksToWrite.size())
        .locksSkipped(parsed.locks.size() - locksToWrite.size())
        .historyImported(historyToWrite.size())
        .historySkipped(historySkipped)
        .lastRebalanceUpdated(updateLast)
        .build();
  }

  /** Keys of stored events at or after {@code oldest}, reading newest first page by page. */
  private static Set<List<Object>> existingHistoryKeys(
      TrackerStore store, String account, Instant oldest) {
    Set<List<Object>> keys = new HashSet<>();
    int offset = 0;
    while (true) {
      List<RebalanceEvent> page = store.history(account, PAGE, offset);
      for (RebalanceEvent e : page) {
        if (e.timestamp().isBefore(oldest)) {
          return keys;
        }
        keys.add(key(e));
      }
      if (page.size() < PAGE) {
        return keys;
      }
      offset += PAGE;
    }
  }

  private static List<Object> key(RebalanceEvent e) {
    return List.of(
        e.timestamp(),
        e.oldSymbol(),
        e.newSymbol(),
        e.oldScore().stripTrailingZeros(),
        e.newScore().stripTrailingZeros());
  }

  // ---- parsing and validation ------------------------------------------------------------------

  private static final class Parsed {
    final List<TrackedEntry> entries = new ArrayList<>();
    final Set<String> locks = new LinkedHashSet<>();
    Optional<Instant> lastRebalance = Optional.empty();
    final List<RebalanceEvent> history = new ArrayList<>();
    final List<String> ignored = new ArrayList<>();
    int withoutOffset;
  }

  private Parsed parse(Path file) {
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
            v, "expected an ISO-8601 timestamp such as 2025-11-25T15:45:00+00:00, was " + v.describe());
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
