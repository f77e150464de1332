package dev.rebalance.core.execution;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link SwapExecutor} did with one swap: its id, how far it got, a sentence saying why, the
 * intent as last stored, and the history event when the swap completed in this call.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class ExecutionResult {

  /** The swap's deterministic id (also the intent's id and the stem of its client order ids). */
  public abstract String swapId();

  /** The symbol to sell. */
  public abstract String sellSymbol();

  /** The symbol to buy. */
  public abstract String buySymbol();

  /** How far the swap got. */
  public abstract ExecutionOutcome outcome();

  /** A human-readable explanation of the outcome. */
  public abstract String detail();

  /** The intent as last stored; empty when none was recorded (not claimed, market closed). */
  public abstract Optional<SwapIntent> intent();

  /** The history event recorded by this call, when the swap completed in it. */
  public abstract Optional<RebalanceEvent> event();

  /** Whether the swap completed. */
  public final boolean isCompleted() {
    return outcome() == ExecutionOutcome.COMPLETED;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link ExecutionResult}; not thread-safe. */
  public static final class Builder extends ImmutableExecutionResult.Builder {
    Builder() {}
  }
}
