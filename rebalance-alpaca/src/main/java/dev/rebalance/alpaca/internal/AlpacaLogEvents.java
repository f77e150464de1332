package dev.rebalance.alpaca.internal;

/**
 * Names of the adapter's own log events (transport and stream); the domain events are in {@code
 * dev.rebalance.core.log.LogEvents}. Keys are snake_case; keys and secrets are never logged.
 *
 * <p>Constants only; thread-safe.
 */
public final class AlpacaLogEvents {
  private AlpacaLogEvents() {}

  /** A read failed transiently and will be retried after {@code delay_ms}. */
  public static final String REQUEST_RETRY = "alpaca_request_retry";

  /** The client's token bucket made a request wait. */
  public static final String RATE_LIMIT_WAIT = "alpaca_rate_limit_wait";

  /** An order submission had no clear outcome; the order is being looked up by client id. */
  public static final String ORDER_OUTCOME_UNKNOWN = "alpaca_order_outcome_unknown";

  /** The lookup showed the order exists; it is returned instead of re-submitting. */
  public static final String ORDER_FOUND_AFTER_FAILURE = "alpaca_order_found_after_failure";

  /** The lookup showed the order does not exist; it is submitted again. */
  public static final String ORDER_RESUBMIT = "alpaca_order_resubmit";

  /** The trade-updates stream authenticated and listens. */
  public static final String STREAM_CONNECTED = "alpaca_stream_connected";

  /** The trade-updates stream closed or failed; a reconnect follows after {@code delay_ms}. */
  public static final String STREAM_DISCONNECTED = "alpaca_stream_disconnected";

  /** Missed fills were fetched over REST after a (re)connect. */
  public static final String STREAM_CATCH_UP = "alpaca_stream_catch_up";

  /** A stream message could not be read and was skipped. */
  public static final String STREAM_MESSAGE_MALFORMED = "alpaca_stream_message_malformed";

  /** The fill listener threw; the fill is offered again at the next catch-up. */
  public static final String FILL_LISTENER_FAILED = "alpaca_fill_listener_failed";

  /** A fill was seen twice (stream and REST, or a duplicated event) and delivered once. */
  public static final String FILL_DUPLICATE_DROPPED = "alpaca_fill_duplicate_dropped";

  /**
   * A fill record (FILL activity or trade update) could not be mapped and was skipped; keys {@code
   * activity_id}, {@code order_id}, {@code reason}. The fills after it are still delivered.
   */
  public static final String FILL_SKIPPED = "alpaca_fill_skipped";

  /**
   * The {@code listen} acknowledgement did not name {@code trade_updates}: the connection counts as
   * failed and is retried after back-off.
   */
  public static final String STREAM_LISTEN_REFUSED = "alpaca_stream_listen_refused";

  /** A periodic catch-up failed; the next one starts from the last successful catch-up. */
  public static final String STREAM_CATCH_UP_FAILED = "alpaca_stream_catch_up_failed";

  /**
   * Alpaca reported a short position; it is returned with side {@code SHORT} and must not be
   * treated as a held long position.
   */
  public static final String POSITION_SHORT = "alpaca_position_short";
}
