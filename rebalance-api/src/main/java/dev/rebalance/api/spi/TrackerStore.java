package dev.rebalance.api.spi;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a bot keeps what it must remember between scans and restarts: open entries, locks, the
 * rebalance history, the last-rebalance time and swaps in flight.
 *
 * <p>The contract, in numbered clauses. The {@code rebalance-tck} kit checks each one; its tests
 * are named after the clause they check.
 *
 * <ol>
 *   <li><b>Accounts.</b> Every operation is scoped by an account id. Nothing written for one
 *       account is ever visible to, or changed by, an operation on another. An account id that
 *       breaks the account-id rule of {@link dev.rebalance.api.Identifiers} is refused with an
 *       {@link IllegalArgumentException} before anything is read or written.
 *   <li><b>Entries.</b> {@link #putEntry} inserts or replaces the entry for its symbol; {@link
 *       #entries} returns every open entry ordered by symbol; {@link #removeEntry} deletes one and
 *       says whether it existed. Values read back are equal to the values written.
 *   <li><b>Locks.</b> {@link #putLock} inserts or replaces the lock for its symbol. {@link #locks}
 *       returns the stored locks ordered by symbol, expired ones included (the reader decides with
 *       {@link PositionLock#isActiveAt}). {@link #removeLock} and {@link #removeAllLocks} report
 *       what they removed.
 *   <li><b>History.</b> {@link #appendHistory} is append-only: an event is never changed or removed
 *       (except that an event whose swap id is already stored is not appended again: clause 11).
 *       {@link #history} returns events newest first: the latest timestamp first, and for equal
 *       timestamps the latest insert first; it skips {@code offset} events and returns at most
 *       {@code limit}. {@link #historyStats} aggregates the whole history without the caller
 *       loading it.
 *   <li><b>Cooldown claim.</b> {@link #claimRebalance} is one atomic compare-and-set: it succeeds,
 *       and sets the last-rebalance time to {@code at}, only if there is no last-rebalance time or
 *       {@code at} is at least {@code cooldown} after it. Of any number of concurrent claims, by
 *       threads or by processes sharing the store, for times inside one cooldown window, at most
 *       one succeeds. {@link #setLastRebalance} overwrites unconditionally (imports, manual fixes).
 *   <li><b>Swap intents.</b> {@link #putIntent} inserts or replaces an intent by id; {@link
 *       #openIntents} returns the intents whose status is not terminal, oldest {@link
 *       SwapIntent#createdAt()} first (not {@code updatedAt}); {@link #intent} reads one by id
 *       whatever its status.
 *   <li><b>Durability.</b> When a write method returns normally, the write survives closing and
 *       reopening the store (and, for stores that say so, a crash of the process).
 *   <li><b>Failures.</b> A failure to read or write is a {@link
 *       dev.rebalance.api.TrackerStoreException} naming the store and keeping the cause. A failed
 *       write leaves the previous state intact. Arguments are never null ({@link
 *       NullPointerException} naming the argument); a negative {@code limit}, {@code offset} or
 *       {@code cooldown} is an {@link IllegalArgumentException} whose message names that argument.
 *   <li><b>Fills exactly once.</b> {@link #applyFill} is one atomic step: if the fill id was never
 *       applied for the account, it records the id as applied <em>and</em> applies the entry change
 *       (both or neither, also across a crash) and returns true; otherwise it changes nothing and
 *       returns false. Of any number of concurrent calls with one fill id, by threads or by
 *       processes sharing the store, exactly one returns true. {@link #fillApplied} says whether a
 *       fill id was applied. Applied ids are kept for as long as the store. A fill id is 1 to 200
 *       characters and not blank, else {@link IllegalArgumentException}.
 *   <li><b>Fill watermark.</b> {@link #fillWatermark} is empty until the first {@link
 *       #advanceFillWatermark}; the watermark only moves forward: advancing to an earlier instant
 *       changes nothing, and the call returns the watermark after it.
 *   <li><b>Swap ids in history.</b> An event with a {@link RebalanceEvent#swapId()} already present
 *       in the account's history is not stored again, and {@link #appendHistory} returns false; the
 *       check and the append are one atomic step (of concurrent appends of one swap id, exactly one
 *       returns true). Events without a swap id are always appended.
 *   <li><b>Listing accounts.</b> {@link #accounts} returns the ids of the accounts the store holds
 *       anything for: at least one entry, lock, history event, last-rebalance time, swap intent,
 *       applied fill id or fill watermark. The list is sorted ({@link String#compareTo}), without
 *       duplicates, and a snapshot (immutable). An account whose entries and locks were all removed
 *       and that holds nothing else is not listed; reading an account (or a refused write) never
 *       makes it listed. Writes of other instances sharing the storage are listed as soon as they
 *       are visible to the other reads. Every store implements it: a store that cannot list its
 *       accounts throws {@link UnsupportedOperationException} saying so, and fails this clause of
 *       the kit; it never answers with an empty or partial list.
 * </ol>
 *
 * <p>Implementations must be thread-safe: a bot's scan thread, its fill-stream thread and a
 * management command may call one instance at the same time.
 */
public interface TrackerStore extends AutoCloseable {

  // ---- Clause 2: entries ---------------------------------------------------------------------

  /**
   * The open entry for {@code symbol}, if tracked.
   *
   * @param account the account id
   * @param symbol the ticker
   * @return the entry, or empty
   */
  Optional<TrackedEntry> entry(String account, String symbol);

  /**
   * Every open entry of the account, ordered by symbol.
   *
   * @param account the account id
   * @return the entries (immutable)
   */
  List<TrackedEntry> entries(String account);

  /**
   * Inserts or replaces the entry for {@code entry.symbol()}.
   *
   * @param account the account id
   * @param entry the entry
   */
  void putEntry(String account, TrackedEntry entry);

  /**
   * Deletes the entry for {@code symbol}.
   *
   * @param account the account id
   * @param symbol the ticker
   * @return true if an entry existed
   */
  boolean removeEntry(String account, String symbol);

  // ---- Clause 3: locks -----------------------------------------------------------------------

  /**
   * Every stored lock of the account, expired ones included, ordered by symbol.
   *
   * @param account the account id
   * @return the locks (immutable)
   */
  List<PositionLock> locks(String account);

  /**
   * Inserts or replaces the lock for {@code lock.symbol()}.
   *
   * @param account the account id
   * @param lock the lock
   */
  void putLock(String account, PositionLock lock);

  /**
   * Deletes the lock for {@code symbol}.
   *
   * @param account the account id
   * @param symbol the ticker
   * @return true if a lock existed
   */
  boolean removeLock(String account, String symbol);

  /**
   * Deletes every lock of the account.
   *
   * @param account the account id
   * @return how many locks were deleted
   */
  int removeAllLocks(String account);

  // ---- Clause 4: history ---------------------------------------------------------------------

  /**
   * Appends one event to the account's history, unless an event with the same swap id is already
   * there (clause 11).
   *
   * @param account the account id
   * @param event the event
   * @return true if the event was appended; false if its swap id was already in the history
   */
  boolean appendHistory(String account, RebalanceEvent event);

  /**
   * Events newest first: the latest timestamp first, and for equal timestamps the latest insert
   * first (clause 4).
   *
   * @param account the account id
   * @param limit at most this many; {@code >= 0}, else an {@link IllegalArgumentException} whose
   *     message names {@code limit}
   * @param offset skip this many of the newest; {@code >= 0}, else an {@link
   *     IllegalArgumentException} whose message names {@code offset}
   * @return the events (immutable)
   */
  List<RebalanceEvent> history(String account, int limit, int offset);

  /**
   * Aggregates over the account's whole history.
   *
   * @param account the account id
   * @return count, sum, min and max of score differences and the newest timestamp
   */
  HistoryStats historyStats(String account);

  // ---- Clause 5: cooldown --------------------------------------------------------------------

  /**
   * The time of the last rebalance, if any.
   *
   * @param account the account id
   * @return the time, or empty if the account never rebalanced
   */
  Optional<Instant> lastRebalance(String account);

  /**
   * Atomically claims a rebalance at {@code at}: succeeds and records {@code at} as the last
   * rebalance only if there is none or {@code at} is at least {@code cooldown} after it.
   *
   * @param account the account id
   * @param at the time of the rebalance being claimed
   * @param cooldown the minimum time between rebalances; {@code >= 0}
   * @return true if this call claimed the slot
   */
  boolean claimRebalance(String account, Instant at, Duration cooldown);

  /**
   * Sets the last-rebalance time unconditionally.
   *
   * @param account the account id
   * @param at the new last-rebalance time
   */
  void setLastRebalance(String account, Instant at);

  // ---- Clause 6: swap intents ----------------------------------------------------------------

  /**
   * Inserts or replaces the intent with {@code intent.id()}.
   *
   * @param account the account id
   * @param intent the intent
   */
  void putIntent(String account, SwapIntent intent);

  /**
   * The intent with this id, whatever its status.
   *
   * @param account the account id
   * @param id the intent id
   * @return the intent, or empty
   */
  Optional<SwapIntent> intent(String account, String id);

  /**
   * Intents whose status is not terminal, oldest ({@link SwapIntent#createdAt()}) first.
   *
   * @param account the account id
   * @return the intents (immutable)
   */
  List<SwapIntent> openIntents(String account);

  // ---- Clauses 9 and 10: fills ----------------------------------------------------------------

  /**
   * Applies one broker fill exactly once: if {@code fillId} was never applied for the account,
   * atomically records it as applied AND applies the change; returns true. Otherwise changes
   * nothing and returns false.
   *
   * @param account the account id
   * @param fillId the broker's id of the fill; not blank
   * @param change what the fill does to the entries
   * @return true if this call applied the fill
   */
  boolean applyFill(String account, String fillId, EntryChange change);

  /**
   * Whether {@code fillId} was applied for the account.
   *
   * @param account the account id
   * @param fillId the broker's id of the fill
   * @return true if {@link #applyFill} applied it
   */
  boolean fillApplied(String account, String fillId);

  /**
   * All fills at or before the watermark have been applied; empty before the first advance.
   *
   * @param account the account id
   * @return the watermark, or empty
   */
  Optional<Instant> fillWatermark(String account);

  /**
   * Moves the watermark forward, never back (an earlier instant is ignored); returns the watermark
   * after the call.
   *
   * @param account the account id
   * @param to the new watermark
   * @return the watermark after the call: the later of the old one and {@code to}
   */
  Instant advanceFillWatermark(String account, Instant to);

  // ---- Clause 12: listing accounts ----------------------------------------------------------

  /**
   * The ids of the accounts the store holds anything for, sorted (clause 12). Tools use it to show
   * which accounts exist ({@code rebalance accounts}, the dashboard's account picker), so every id
   * listed keeps the account-id rule ({@link Identifiers#isValidAccountId}): data found under an id
   * the rule refuses (written around the store, by hand or by another tool) is not listed.
   *
   * @return the account ids, sorted, without duplicates (immutable)
   * @throws UnsupportedOperationException if this store cannot list its accounts
   * @throws dev.rebalance.api.TrackerStoreException if reading fails
   */
  List<String> accounts();

  /**
   * Releases files, locks and connections. Idempotent.
   *
   * @throws dev.rebalance.api.TrackerStoreException if releasing fails
   */
  @Override
  void close();
}
