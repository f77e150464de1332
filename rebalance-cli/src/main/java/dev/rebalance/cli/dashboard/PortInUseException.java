package dev.rebalance.cli.dashboard;

import dev.rebalance.api.RebalanceException;

/**
 * The dashboard could not listen because another process already uses the address and port.
 *
 * <p>Immutable and thread-safe.
 */
public final class PortInUseException extends RebalanceException {
  private static final long serialVersionUID = 1L;

  private final String bind;
  private final int port;

  PortInUseException(String bind, int port, Throwable cause) {
    super("port " + port + " on " + bind + " is already in use", cause);
    this.bind = bind;
    this.port = port;
  }

  /**
   * The address the dashboard tried to listen on.
   *
   * @return the bind address as given
   */
  public String bind() {
    return bind;
  }

  /**
   * The port that is in use.
   *
   * @return the port
   */
  public int port() {
    return port;
  }
}
