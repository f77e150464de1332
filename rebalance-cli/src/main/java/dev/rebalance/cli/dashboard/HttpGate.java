package dev.rebalance.cli.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.RebalanceException;
import dev.rebalance.core.format.HumanFormat;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler: checks the Host, the origin and the token, routes to {@link Api} or a
 * static asset, and turns every refusal into a JSON {@code {"error": ...}} with its status. A
 * request body is read without holding a worker thread, within {@link RequestBody}'s size cap and
 * the read time-out. Never logs the token or request headers.
 *
 * <p>Thread-safe: immutable.
 */
final class HttpGate extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(HttpGate.class);

  /** Log event: a request failed on the server side (store error or bug). */
  static final String REQUEST_FAILED = "dashboard_request_failed";

  private static final Map<String, String[]> STATIC =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
          "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
          "/style.css", new String[] {"style.css", "text/css; charset=utf-8"},
          "/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"});

  private final AccountRouter accounts;
  private final byte[] token;
  private final boolean loopbackOnly;
  private final Set<String> ownHosts;
  private final boolean anyHost;
  private final SlowClientGuard guard;
  private final Duration readTimeout;
  private final Executor workers;
  private final ZoneId zone;

  HttpGate(
      AccountRouter accounts,
      ZoneId zone,
      String token,
      Binding binding,
      SlowClientGuard guard,
      Duration readTimeout,
      Executor workers) {
    this.accounts = accounts;
    this.zone = zone;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.loopbackOnly = binding.loopback;
    this.anyHost = binding.anyLocal || !binding.loopback;
    int port = binding.port;
    this.ownHosts =
        binding.loopback
            ? Set.copyOf(
                List.of(
                    "127.0.0.1:" + port,
                    "localhost:" + port,
                    "[::1]:" + port,
                    binding.host + ":" + port))
            : Set.of(binding.host + ":" + port);
    this.guard = guard;
    this.readTimeout = readTimeout;
    this.workers = workers;
  }

  /** Where the server listens, as the Host and origin checks need it. */
  static final class Binding {
    final String host;
    final int port;
    final boolean loopback;
    final boolean anyLocal;

    Binding(String host, int port, boolean loopback, boolean anyLocal) {
      this.host = host;
      this.port = port;
      this.loopback = loopback;
      this.anyLocal = anyLocal;
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Connection connection = request.getConnectionMetaData().getConnection();
    guard.headArrived(connection);
    Request.addCompletionListener(request, failure -> guard.requestFinished(connection));
    Reply reply = new Reply(response, callback);
    guarded(request, reply, () -> route(request, reply));
    return true;
  }

  private void guarded(Request request, Reply reply, Runnable work) {
    try {
      work.run();
    } catch (ApiException e) {
      reply.error(e);
    } catch (RebalanceException e) {
      log.atWarn()
          .setMessage(REQUEST_FAILED)
          .addKeyValue("path", request.getHttpURI().getPath())
          .addKeyValue("error", e.getMessage())
          .log();
      reply.error(500, e.getMessage());
    } catch (RuntimeException e) {
      log.atError()
          .setMessage(REQUEST_FAILED)
          .addKeyValue("path", request.getHttpURI().getPath())
          .setCause(e)
          .log();
      reply.error(500, "internal error: " + e.getClass().getSimpleName());
    }
  }

  private void route(Request request, Reply reply) {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    String path = request.getHttpURI().getPath();
    HttpFields h = request.getHeaders();
    checkHost(h);
    checkOrigin(h);
    if (path == null || !path.startsWith("/api/")) {
      String[] asset = path == null ? null : STATIC.get(path);
      if (asset == null) {
        throw new ApiException(404, "no such page: " + Identifiers.quote(String.valueOf(path)));
      }
      requireMethod(method, "GET", "HEAD");
      reply.asset(asset[0], asset[1]);
      return;
    }
    Map<String, String> q = query(request.getHttpURI().getQuery());
    if (path.startsWith("/api/locks/")) {
      String sym = symbol(path.substring("/api/locks/".length()));
      requireMethod(method, "POST", "DELETE");
      requireToken(h);
      Api api = accounts.api(q.get("account"));
      if (method.equals("DELETE")) {
        reply.json(200, api.unlock(sym));
        return;
      }
      RequestBody.read(request, readTimeout)
          .whenCompleteAsync(
              (bytes, err) ->
                  guarded(
                      request,
                      reply,
                      () -> {
                        if (err != null) {
                          Throwable cause = err;
                          while (cause instanceof CompletionException && cause.getCause() != null) {
                            cause = cause.getCause();
                          }
                          throw cause instanceof ApiException
                              ? (ApiException) cause
                              : new ApiException(400, "the request body could not be read");
                        }
                        JsonNode body = RequestBody.parse(bytes);
                        reply.json(200, api.lock(sym, body));
                      }),
              workers);
      return;
    }
    switch (path) {
      case "/api/stats":
      case "/api/positions":
      case "/api/history":
      case "/api/locks":
      case "/api/swaps":
      case "/api/accounts":
        break;
      default:
        throw new ApiException(404, "no such endpoint: " + Identifiers.quote(path));
    }
    requireMethod(method, "GET");
    if (!fromLoopback(request) || !loopbackOnly) {
      requireToken(h);
    }
    if (path.equals("/api/accounts")) {
      reply.json(200, accounts.list().put("zone", HumanFormat.zone(zone)));
      return;
    }
    Api api = accounts.api(q.get("account"));
    ZoneId z = zone(q);
    switch (path) {
      case "/api/stats":
        reply.json(200, api.stats(z));
        break;
      case "/api/positions":
        reply.json(200, api.positions(z));
        break;
      case "/api/locks":
        reply.json(200, api.locks(bool(q, "all")));
        break;
      case "/api/swaps":
        reply.json(200, api.swaps(z));
        break;
      default:
        int limit = integer(q, "limit", 50, 1, Api.MAX_LIMIT);
        int offset = integer(q, "offset", 0, 0, Integer.MAX_VALUE);
        String sort = q.getOrDefault("sort", "time");
        if (!sort.equals("time") && !sort.equals("scoreDiff")) {
          throw new ApiException(
              400, "sort must be 'time' or 'scoreDiff', was " + Identifiers.quote(sort));
        }
        String order = q.getOrDefault("order", "desc");
        if (!order.equals("asc") && !order.equals("desc")) {
          throw new ApiException(
              400, "order must be 'asc' or 'desc', was " + Identifiers.quote(order));
        }
        reply.json(200, api.history(limit, offset, sort, order.equals("asc"), z));
    }
  }

  private static boolean fromLoopback(Request request) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress
        && ((InetSocketAddress) remote).getAddress() != null
        && ((InetSocketAddress) remote).getAddress().isLoopbackAddress();
  }

  /** Refuses a Host header naming another server (DNS rebinding) when bound to loopback. */
  private void checkHost(HttpFields h) {
    if (anyHost) {
      return;
    }
    String host = h.get("Host");
    if (host == null || !ownHosts.contains(host.toLowerCase(Locale.ROOT))) {
      throw new ApiException(403, "Host header must name this dashboard");
    }
  }

  /** Refuses requests a page of another origin makes. */
  private void checkOrigin(HttpFields h) {
    String site = h.get("Sec-Fetch-Site");
    if (site != null && (site.equals("cross-site") || site.equals("same-site"))) {
      throw new ApiException(403, "cross-origin requests are refused");
    }
    String origin = h.get("Origin");
    if (origin == null) {
      return;
    }
    String host = h.get("Host");
    String lower = origin.toLowerCase(Locale.ROOT);
    boolean own =
        lower.startsWith("http://")
            && host != null
            && lower.substring("http://".length()).equals(host.toLowerCase(Locale.ROOT))
            && (anyHost || ownHosts.contains(lower.substring("http://".length())));
    if (!own) {
      throw new ApiException(
          403, "cross-origin requests are refused (Origin " + Identifiers.quote(origin) + ")");
    }
  }

  private void requireToken(HttpFields h) {
    String auth = h.get("Authorization");
    byte[] given =
        auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
            ? auth.substring(7).strip().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    // MessageDigest.isEqual takes time independent of where the bytes differ.
    if (!MessageDigest.isEqual(given, token)) {
      throw new ApiException(
          401, auth == null ? "Authorization: Bearer TOKEN required" : "invalid token");
    }
  }

  private static void requireMethod(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new ApiException(
        405,
        "method " + Identifiers.quote(method) + " not allowed; use " + String.join(", ", allowed),
        String.join(", ", allowed));
  }

  /** The path's symbol, upper-cased, checked by the one symbol rule. */
  static String symbol(String raw) {
    String s;
    try {
      s = URLDecoder.decode(raw, StandardCharsets.UTF_8).strip().toUpperCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400, "symbol is not a valid URL path segment: " + Identifiers.quote(raw));
    }
    try {
      return Identifiers.checkSymbol("symbol", s);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, Objects.toString(e.getMessage(), e.toString()));
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
        if (q.putIfAbsent(k, v) != null) {
          throw new ApiException(400, "query parameter " + Identifiers.quote(k) + " given twice");
        }
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "malformed query string: " + Identifiers.quote(part));
      }
    }
    return q;
  }

  private static int integer(Map<String, String> q, String name, int dflt, int min, int max) {
    String v = q.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v.strip());
      if (i < min || i > max) {
        throw new ApiException(400, name + " must be in [" + min + ", " + max + "], was " + i);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ApiException(400, name + " must be an integer, was " + Identifiers.quote(v));
    }
  }

  /** The {@code zone} parameter (a zone id), or the dashboard's {@code --zone} when absent. */
  private ZoneId zone(Map<String, String> q) {
    String v = q.get("zone");
    if (v == null) {
      return zone;
    }
    try {
      return HumanFormat.parseZone(v);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "zone: " + e.getMessage());
    }
  }

  private static boolean bool(Map<String, String> q, String name) {
    String v = q.get(name);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.isEmpty() || v.equals("true")) {
      return true;
    }
    throw new ApiException(400, name + " must be true or false, was " + Identifiers.quote(v));
  }
}
