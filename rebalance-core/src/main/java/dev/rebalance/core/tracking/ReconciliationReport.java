package dev.rebalance.core.tracking;

import dev.rebalance.api.TrackedEntry;
import java.util.List;
import java.util.SortedMap;
import org.immutables.value.Value;

/**
 * What {@link EntryReconciler#reconcile()} found: entries reconstructed from fill history, held
 * positions whose entry could not be reconstructed (with the reason), tracked entries closed
 * because the position is gone, and positions that were already tracked.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class ReconciliationReport {

  /** Entries recorded from fill history (source {@code RECONCILIATION}), by symbol. */
  public abstract List<TrackedEntry> reconstructed();

  /** Held symbols left without an entry time, each with the reason; ordered by symbol. */
  @Value.NaturalOrder
  public abstract SortedMap<String, String> unknown();

  /** Tracked entries removed because the broker no longer holds the symbol. */
  public abstract List<TrackedEntry> closed();

  /** Held symbols that already had a tracked entry (left unchanged). */
  public abstract List<String> alreadyTracked();

  /** Whether nothing was changed and nothing is unknown. */
  public final boolean isClean() {
    return reconstructed().isEmpty() && unknown().isEmpty() && closed().isEmpty();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ReconciliationReport}; not thread-safe. */
  public static final class Builder extends ImmutableReconciliationReport.Builder {
    Builder() {}
  }
}
