/**
 * The Alpaca adapter: {@link dev.rebalance.alpaca.AlpacaBroker} over Alpaca's REST API and {@link
 * dev.rebalance.alpaca.TradeUpdatesStream} over its trade updates. The {@code internal} package is
 * not exported; it is opened to Jackson only, which reads the wire records in it.
 */
module dev.rebalance.alpaca {
  requires transitive dev.rebalance.api;
  // The builders take a java.net.http.HttpClient.
  requires transitive java.net.http;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires dev.failsafe.core;
  requires org.slf4j;
  requires static org.immutables.value;
  requires static transitive org.jspecify;

  exports dev.rebalance.alpaca;

  opens dev.rebalance.alpaca.internal to
      com.fasterxml.jackson.databind;
}
