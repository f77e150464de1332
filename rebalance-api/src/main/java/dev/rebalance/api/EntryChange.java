package dev.rebalance.api;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one broker fill does to the tracked entries, applied together with recording the fill as
 * applied ({@link dev.rebalance.api.spi.TrackerStore#applyFill}): put (insert or replace) one
 * entry, remove the entry of one symbol, or nothing (a fill that changes no entry but must still be
 * counted once).
 *
 * <pre>{@code
 * store.applyFill("paper-1", fill.id(), EntryChange.put(entry));
 * store.applyFill("paper-1", fill.id(), EntryChange.remove("PEP"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EntryChange {
  private static final EntryChange NONE = new EntryChange(null, null);

  private final @Nullable TrackedEntry put;
  private final @Nullable String remove;

  private EntryChange(@Nullable TrackedEntry put, @Nullable String remove) {
    this.put = put;
    this.remove = remove;
  }

  /**
   * Inserts or replaces the entry for {@code entry.symbol()}.
   *
   * @param entry the entry
   * @return the change
   */
  public static EntryChange put(TrackedEntry entry) {
    return new EntryChange(Objects.requireNonNull(entry, "entry"), null);
  }

  /**
   * Removes the entry for {@code symbol}, if there is one.
   *
   * @param symbol the ticker; follows the symbol rule of {@link Identifiers}
   * @return the change
   * @throws IllegalArgumentException if {@code symbol} breaks the symbol rule
   */
  public static EntryChange remove(String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    return new EntryChange(null, Identifiers.checkSymbol("symbol", symbol));
  }

  /**
   * Changes no entry.
   *
   * @return the change
   */
  public static EntryChange none() {
    return NONE;
  }

  /** The entry to insert or replace, if this change puts one. */
  public Optional<TrackedEntry> put() {
    return Optional.ofNullable(put);
  }

  /** The symbol whose entry to remove, if this change removes one. */
  public Optional<String> remove() {
    return Optional.ofNullable(remove);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryChange c
        && Objects.equals(put, c.put)
        && Objects.equals(remove, c.remove);
  }

  @Override
  public int hashCode() {
    return Objects.hash(put, remove);
  }

  @Override
  public String toString() {
    if (put != null) {
      return "EntryChange.put(" + put + ")";
    }
    return remove != null ? "EntryChange.remove(" + remove + ")" : "EntryChange.none()";
  }
}
