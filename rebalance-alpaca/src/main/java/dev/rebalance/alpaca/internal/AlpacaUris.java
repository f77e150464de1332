package dev.rebalance.alpaca.internal;

import dev.rebalance.alpaca.internal.RestTransport.Call;
import dev.rebalance.api.InvalidConfigException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds the adapter's request URIs: base URL, encoded path segments and query.
 *
 * <p>Stateless; thread-safe.
 */
public final class AlpacaUris {
  private AlpacaUris() {}

  /**
   * A GET call.
   *
   * @param base the API's base URL
   * @param path the path, segments already encoded
   * @param endpoint the endpoint template for messages
   * @param query the query parameters, in order
   * @return the call
   */
  public static Call get(URI base, String path, String endpoint, Map<String, String> query) {
    return new Call("GET", uri(base, path, query), endpoint, null);
  }

  /**
   * The URI of {@code path} under {@code base} with {@code query} encoded.
   *
   * @param base the API's base URL
   * @param path the path, segments already encoded
   * @param query the query parameters, in order
   * @return the URI
   */
  public static URI uri(URI base, String path, Map<String, String> query) {
    StringBuilder sb = new StringBuilder(base.toString());
    if (sb.charAt(sb.length() - 1) == '/') {
      sb.setLength(sb.length() - 1);
    }
    sb.append(path);
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return URI.create(sb.toString());
  }

  /**
   * One encoded path segment (a symbol or an id).
   *
   * @param s the raw value
   * @return the encoded segment
   * @throws InvalidConfigException when the value is blank
   */
  public static String segment(String s) {
    if (s.isBlank()) {
      throw new InvalidConfigException("symbol or id must not be blank");
    }
    return encode(s);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
