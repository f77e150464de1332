package dev.rebalance.core.execution;

import java.util.List;
import org.immutables.value.Value;

/**
 * What {@link SwapExecutor#resume()} found and did: one {@link ExecutionResult} per swap intent
 * that was open when it started, oldest first.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class ResumeReport {

  /** One result per intent that was open, oldest first. */
  public abstract List<ExecutionResult> results();

  /** How many intents were completed. */
  public final long completed() {
    return count(ExecutionOutcome.COMPLETED);
  }

  /** How many intents were marked failed. */
  public final long failed() {
    return count(ExecutionOutcome.FAILED);
  }

  /** How many intents are still open (see each result's detail). */
  public final long pending() {
    return count(ExecutionOutcome.PENDING);
  }

  /** Whether every intent that was open is now terminal. */
  public final boolean allTerminal() {
    return pending() == 0;
  }

  private long count(ExecutionOutcome outcome) {
    return results().stream().filter(r -> r.outcome() == outcome).count();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ResumeReport}; not thread-safe. */
  public static final class Builder extends ImmutableResumeReport.Builder {
    Builder() {}
  }
}
