package dev.rebalance.core.legacy;

import java.util.List;
import org.immutables.value.Value;

/**
 * What one {@link LegacyImporter#importFile import} did: how many entries, locks and history events
 * were written and how many were skipped because the store already had them.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class ImportReport {

  /** The file imported, as given. */
  public abstract String file();

  /** Entries written (the store had no entry for the symbol). */
  public abstract int entriesImported();

  /** Entries skipped because the store already had an identical one. */
  public abstract int entriesUnchanged();

  /** Entries skipped because the store had a different entry for the symbol, which was kept. */
  public abstract int entriesKept();

  /** Locks written. */
  public abstract int locksImported();

  /** Locks skipped because the symbol was already locked. */
  public abstract int locksSkipped();

  /** History events appended. */
  public abstract int historyImported();

  /** History events skipped because the same swap was already in the history (or the file). */
  public abstract int historySkipped();

  /** Whether the store's last-rebalance time was set (it only ever moves forward). */
  public abstract boolean lastRebalanceUpdated();

  /** Timestamps that had no offset and were read in the importer's default zone. */
  public abstract int timestampsWithoutOffset();

  /** JSON paths of fields the importer does not know and ignored. */
  public abstract List<String> ignoredFields();

  /** Whether the import wrote anything. */
  public final boolean changed() {
    return entriesImported() + locksImported() + historyImported() > 0 || lastRebalanceUpdated();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link ImportReport}; not thread-safe. */
  public static final class Builder extends ImmutableImportReport.Builder {
    Builder() {}
  }
}
