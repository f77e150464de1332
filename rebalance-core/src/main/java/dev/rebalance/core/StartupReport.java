package dev.rebalance.core;

import dev.rebalance.core.execution.ResumeReport;
import dev.rebalance.core.tracking.ReconciliationReport;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link RebalanceSession#start()} found and did: the fills caught up since the last run, the
 * entry reconciliation against the broker, and the swaps a previous run left unfinished.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class StartupReport {

  /** Fills taken into the tracker since the stored watermark. */
  @Value.Default
  public int fillsApplied() {
    return 0;
  }

  /** The reconciliation, unless it failed (see {@link #failures()}). */
  public abstract Optional<ReconciliationReport> reconciliation();

  /** The unfinished swaps that were continued, unless resuming failed. */
  public abstract Optional<ResumeReport> resumed();

  /** Each step that failed, as {@code step: what was said}. */
  public abstract List<String> failures();

  /** Whether every step succeeded. */
  public final boolean ok() {
    return failures().isEmpty();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StartupReport}; not thread-safe. */
  public static final class Builder extends ImmutableStartupReport.Builder {
    Builder() {}
  }
}
