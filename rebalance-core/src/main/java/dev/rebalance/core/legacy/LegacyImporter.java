package dev.rebalance.core.legacy;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.execution.HistoryRecorder;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.core.tracking.LockManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * reason}}), {@code locked_positions} (an array of symbols), {@code last_rebalance} (a timestamp or
 * null) and {@code rebalancing_history} (an array of {@code {timestamp, old_symbol, new_symbol,
 * old_score, new_score, score_diff}}). Timestamps are ISO-8601 strings; one without an offset (as
 * Python's {@code datetime.isoformat()} writes for a naive time) is read in the importer's default
 * zone (UTC unless {@link #withDefaultZone changed}) and counted in the report. Scores and prices
 * are JSON numbers, read exactly.
 *
 * <p>Lenient about extra fields (ignored, listed in the report) and about {@code null} for an
 * optional value or a whole section; strict about types: a string where a number belongs, a missing
 * {@code entry_time}, a non-positive price, or a {@code score_diff} that differs from {@code
 * new_score − old_score} by more than 10<sup>-6</sup> is an {@link InvalidConfigException} naming
 * the file, the JSON path and the line. The whole file is validated before anything is written, so
 * a bad file writes nothing.
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
 * <p>Immutable and thread-safe; concurrent imports into one account may both write an event (run
 * one import at a time).
 */
public final class LegacyImporter {
  private static final Logger log = LoggerFactory.getLogger(LegacyImporter.class);
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
    LegacyParser.Parsed parsed = new LegacyParser(defaultZone).parse(file);
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
      Set<List<Object>> seen =
          existingHistoryKeys(store, account, parsed.history.get(0).timestamp());
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
}
