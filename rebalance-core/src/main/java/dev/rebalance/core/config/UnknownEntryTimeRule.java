package dev.rebalance.core.config;

/** What to do with a held position whose entry time is not tracked. */
public enum UnknownEntryTimeRule {
  /** Never sell it in a rebalance (reason {@code UNKNOWN_ENTRY_TIME}). The default. */
  BLOCK,
  /** Treat it as held long enough. */
  ALLOW
}
