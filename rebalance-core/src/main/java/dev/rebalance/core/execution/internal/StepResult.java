package dev.rebalance.core.execution.internal;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import java.util.Optional;

/**
 * What one step of a swap came to: the intent moved on to its next status, or the step cannot
 * finish now and the intent stays where it is until {@code resume()} tries again. Steps return this
 * instead of throwing; a {@code BrokerException} is left for a broker call that failed.
 *
 * <p>A failed swap is not a third kind: failing is a status the step stores, and the driver stops
 * at it as at any terminal status. Immutable and thread-safe.
 */
public sealed interface StepResult permits StepResult.Advanced, StepResult.Pending {

  /**
   * The intent at its next status, as stored (possibly the terminal {@code COMPLETED} or {@code
   * FAILED}). The one intent not stored is a repair: an intent recorded as sent without its order
   * id steps back one status, to find the order by its client order id.
   *
   * @param intent the stored intent
   * @param event the history event this step appended (only when the swap completed), if any
   */
  record Advanced(SwapIntent intent, Optional<RebalanceEvent> event) implements StepResult {}

  /**
   * The step cannot finish now (an order still open after its cancel, the broker not answering);
   * the intent keeps its status.
   *
   * @param detail what the swap waits for, for the intent's detail and the result
   */
  record Pending(String detail) implements StepResult {}

  /**
   * The intent moved on without a history event.
   *
   * @param intent the stored intent
   * @return the result
   */
  static StepResult advanced(SwapIntent intent) {
    return new Advanced(intent, Optional.empty());
  }

  /**
   * The step cannot finish now.
   *
   * @param detail what the swap waits for
   * @return the result
   */
  static StepResult pending(String detail) {
    return new Pending(detail);
  }
}
