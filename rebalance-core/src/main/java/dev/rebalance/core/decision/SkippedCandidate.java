package dev.rebalance.core.decision;

import java.util.List;
import org.immutables.value.Value;

/**
 * A candidate a decision passed over and did not buy, with its reasons.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class SkippedCandidate {
  /** The candidate's symbol. */
  @Value.Parameter
  public abstract String symbol();

  /** Why it was passed over, in {@link CandidateReason} order; never empty. */
  @Value.Parameter
  public abstract List<CandidateReason> reasons();

  @Value.Check
  void check() {
    if (reasons().isEmpty()) {
      throw new IllegalArgumentException("reasons must not be empty for " + symbol());
    }
  }

  /**
   * A skipped candidate.
   *
   * @param symbol the symbol
   * @param reasons the reasons
   * @return the value
   */
  public static SkippedCandidate of(String symbol, List<CandidateReason> reasons) {
    return ImmutableSkippedCandidate.of(symbol, reasons);
  }
}
