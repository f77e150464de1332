package dev.rebalance.alpaca.fake;

/** A REST fault the fake server can inject. */
public enum Fault {
  /** HTTP 429 with {@code X-RateLimit-Reset}, nothing processed. */
  RATE_LIMIT(false),
  /** HTTP 500/502/503/504, nothing processed. */
  SERVER_ERROR(false),
  /** The connection drops before any response, nothing processed. */
  DROP(false),
  /** Processed (an order is created), then HTTP 500. */
  ACCEPT_THEN_SERVER_ERROR(true),
  /** Processed, then the response is cut off mid-body. */
  ACCEPT_THEN_DROP(true),
  /** Processed, then the answer comes after the client's time-out. */
  ACCEPT_THEN_SLOW(true),
  /** Processed, then 200 with a truncated, unparseable body. */
  ACCEPT_THEN_MALFORMED(true),
  /** Processed, answered a little late but within the time-out. */
  SLOW_OK(true);

  private final boolean processes;

  Fault(boolean processes) {
    this.processes = processes;
  }

  public boolean processes() {
    return processes;
  }
}
