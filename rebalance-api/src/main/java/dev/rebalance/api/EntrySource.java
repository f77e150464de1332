package dev.rebalance.api;

/** Where a tracked entry time came from. */
public enum EntrySource {
  /** The opening fill reported by the broker (stream or fill history). */
  FILL,
  /** Reconstructed at start-up by walking back the broker's fill history. */
  RECONCILIATION,
  /** Imported from the original bot's JSON file. */
  IMPORT,
  /** Entered by a person or by code that knows better. */
  MANUAL
}
