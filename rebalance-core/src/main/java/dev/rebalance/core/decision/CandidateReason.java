package dev.rebalance.core.decision;

/** Why a candidate was passed over and not bought in a decision ({@link SkippedCandidate}). */
public enum CandidateReason {
  /** A recent swap sold this symbol less than {@code reentryBlock} ago. */
  RECENTLY_SOLD,
  /** The sale paired with it could not buy one whole share of it. */
  UNAFFORDABLE
}
