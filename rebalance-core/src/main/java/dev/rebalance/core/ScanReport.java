package dev.rebalance.core;

import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.execution.ExecutionResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Everything one {@link RebalanceSession#scan scan} did, for a log line, a listener or a test: the
 * decision (with its explanation), what was executed, the fills taken in, the positions left out
 * and why, and every step that failed with what it said.
 *
 * <p>A scan does not throw for a broker failure: the step that failed is listed in {@link
 * #failures()} and the scan goes on where it safely can (no decision is made without positions).
 * Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class ScanReport {

  /** The scan's time, from the session's clock. */
  public abstract Instant at();

  /** The decision, unless a failure came before it (see {@link #failures()}). */
  public abstract Optional<Decision> decision();

  /** One result per swap the decision asked for, in the decision's order; empty for a HOLD. */
  public abstract List<ExecutionResult> executions();

  /** Fills taken into the tracker in this scan (each fill counts once, ever). */
  @Value.Default
  public int fillsApplied() {
    return 0;
  }

  /** Fills seen again and ignored because the store had already applied them. */
  @Value.Default
  public int fillsAlreadyApplied() {
    return 0;
  }

  /** Held positions left out of the decision, by symbol, with the reason (short, no score). */
  public abstract Map<String, String> excluded();

  /** Each step that failed, as {@code step: what the broker or store said}. */
  public abstract List<String> failures();

  /** Whether every step succeeded. */
  public final boolean ok() {
    return failures().isEmpty();
  }

  /** Whether a swap completed in this scan. */
  public final boolean swapped() {
    return executions().stream().anyMatch(ExecutionResult::isCompleted);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ScanReport}; not thread-safe. */
  public static final class Builder extends ImmutableScanReport.Builder {
    Builder() {}
  }
}
