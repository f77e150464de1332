package dev.rebalance.cli.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rebalance.api.RebalanceException;
import dev.rebalance.cli.Output;
import dev.rebalance.core.json.RebalanceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler: checks origin and token, routes to {@link Api} or a static asset, and turns
 * every refusal into a JSON {@code {"error": ...}} with its status. Never logs the token or
 * request headers.
 *
 * <p>Thread-safe: immutable.
 */
final class HttpGate implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(HttpGate.class);
  /** Log event: a request failed on the server side (store error or bug). */
  static final String REQUEST_FAILED = "dashboard_request_failed";
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.\\-_]{0,19}");
  private static final int MAX_BODY = 16 * 1024;
  private static final String ASSETS = "/dev/rebalance/cli/dashboard/";
  private static final Map<String, String[]> STATIC =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
          "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
          "/style.css", new String[] {"style.css", "text/css; charset=utf-8"},
          "/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"});
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Api api;
  private final byte[] token;
  private final boolean loopbackOnly;
  private final Set<String> ownHosts;
  private final boolean anyHost;

  HttpGate(Api api, String token, int port, boolean loopback, boolean anyLocal, String host) {
    this.api = api;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.loopbackOnly = loopback;
    this.anyHost = anyLocal || !loopback;
    this.ownHosts =
        loopback
            ? Set.copyOf(
                List.of(
                    "127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, host + ":" + port))
            : Set.of(host + ":" + port);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try {
        route(ex);
      } catch (ApiException e) {
        if (e.allow != null) {
          ex.getResponseHeaders().set("Allow", e.allow);
        }
        sendError(ex, e.status, e.getMessage());
      } catch (RebalanceException e) {
        log.atWarn()
            .setMessage(REQUEST_FAILED)
            .addKeyValue("path", ex.getRequestURI().getPath())
            .addKeyValue("error", e.getMessage())
            .log();
        sendError(ex, 500, e.getMessage());
      } catch (RuntimeException e) {
        log.atError()
            .setMessage(REQUEST_FAILED)
            .addKeyValue("path", ex.getRequestURI().getPath())
            .setCause(e)
            .log();
        sendError(ex, 500, "internal error: " + e.getClass().getSimpleName());
      }
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = ex.getRequestURI().getRawPath();
    Headers h = ex.getRequestHeaders();
    checkHost(h);
    checkOrigin(h);
    if (!path.startsWith("/api/")) {
      String[] asset = STATIC.get(path);
      if (asset == null) {
        throw new ApiException(404, "no such page: " + path);
      }
      requireMethod(method, "GET", "HEAD");
      sendAsset(ex, asset[0], asset[1], method.equals("HEAD"));
      return;
    }
    boolean remote = !ex.getRemoteAddress().getAddress().isLoopbackAddress();
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    if (path.startsWith("/api/locks/")) {
      String sym = symbol(path.substring("/api/locks/".length()));
      requireMethod(method, "POST", "DELETE");
      requireToken(h);
      if (method.equals("POST")) {
        JsonNode body = body(ex);
        sendJson(ex, 200, api.lock(sym, body));
      } else {
        sendJson(ex, 200, api.unlock(sym));
      }
      return;
    }
    switch (path) {
      case "/api/stats":
      case "/api/positions":
      case "/api/history":
      case "/api/locks":
      case "/api/swaps":
        break;
      default:
        throw new ApiException(404, "no such endpoint: " + path);
    }
    requireMethod(method, "GET");
    if (remote || !loopbackOnly) {
      requireToken(h);
    }
    switch (path) {
      case "/api/stats":
        sendJson(ex, 200, api.stats());
        break;
      case "/api/positions":
        sendJson(ex, 200, api.positions());
        break;
      case "/api/locks":
        sendJson(ex, 200, api.locks(bool(q, "all")));
        break;
      case "/api/swaps":
        sendJson(ex, 200, api.swaps());
        break;
      default:
        int limit = integer(q, "limit", 50, 1, Api.MAX_LIMIT);
        int offset = integer(q, "offset", 0, 0, Integer.MAX_VALUE);
        String sort = q.getOrDefault("sort", "time");
        if (!sort.equals("time") && !sort.equals("scoreDiff")) {
          throw new ApiException(400, "sort must be 'time' or 'scoreDiff', was '" + sort + "'");
        }
        String order = q.getOrDefault("order", "desc");
        if (!order.equals("asc") && !order.equals("desc")) {
          throw new ApiException(400, "order must be 'asc' or 'desc', was '" + order + "'");
        }
        sendJson(ex, 200, api.history(limit, offset, sort, order.equals("asc")));
    }
  }

  /** Refuses a Host header naming another server (DNS rebinding) when bound to loopback. */
  private void checkHost(Headers h) {
    if (anyHost) {
      return;
    }
    String host = h.getFirst("Host");
    if (host == null || !ownHosts.contains(host.toLowerCase(Locale.ROOT))) {
      throw new ApiException(403, "Host header must name this dashboard");
    }
  }

  /** Refuses requests a page of another origin makes. */
  private void checkOrigin(Headers h) {
    String site = h.getFirst("Sec-Fetch-Site");
    if (site != null && (site.equals("cross-site") || site.equals("same-site"))) {
      throw new ApiException(403, "cross-origin requests are refused");
    }
    String origin = h.getFirst("Origin");
    if (origin == null) {
      return;
    }
    String host = h.getFirst("Host");
    String lower = origin.toLowerCase(Locale.ROOT);
    boolean own =
        lower.startsWith("http://")
            && host != null
            && lower.substring("http://".length()).equals(host.toLowerCase(Locale.ROOT))
            && (anyHost || ownHosts.contains(lower.substring("http://".length())));
    if (!own) {
      throw new ApiException(403, "cross-origin requests are refused (Origin " + origin + ")");
    }
  }

  private void requireToken(Headers h) {
    String auth = h.getFirst("Authorization");
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
        405, "method " + method + " not allowed; use " + String.join(", ", allowed),
        String.join(", ", allowed));
  }

  private static String symbol(String raw) {
    String s = URLDecoder.decode(raw, StandardCharsets.UTF_8).strip().toUpperCase(Locale.ROOT);
    if (!SYMBOL.matcher(s).matches()) {
      throw new ApiException(
          400, "symbol must be 1-20 letters, digits, '.', '-' or '_', was '" + clip(raw) + "'");
    }
    return s;
  }

  private static JsonNode body(HttpExchange ex) throws IOException {
    byte[] bytes;
    try (InputStream in = ex.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new ApiException(400, "body must be at most " + MAX_BODY + " bytes");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return Output.NODES.objectNode();
    }
    try {
      JsonNode n = RebalanceJson.json().readTree(text);
      return n == null ? Output.NODES.objectNode() : n;
    } catch (JsonProcessingException e) {
      throw new ApiException(
          400,
          "malformed JSON body at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
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
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
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
      throw new ApiException(400, name + " must be an integer, was '" + clip(v) + "'");
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
    throw new ApiException(400, name + " must be true or false, was '" + clip(v) + "'");
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private void sendAsset(HttpExchange ex, String name, String type, boolean head)
      throws IOException {
    byte[] bytes;
    try (InputStream in = HttpGate.class.getResourceAsStream(ASSETS + name)) {
      if (in == null) {
        throw new ApiException(404, "no such page: " + name);
      }
      bytes = in.readAllBytes();
    }
    Headers r = ex.getResponseHeaders();
    r.set("Content-Type", type);
    r.set("Cache-Control", "no-cache");
    securityHeaders(r);
    if (head) {
      r.set("Content-Length", Integer.toString(bytes.length));
      ex.sendResponseHeaders(200, -1);
      return;
    }
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void securityHeaders(Headers r) {
    r.set("X-Content-Type-Options", "nosniff");
    r.set("Referrer-Policy", "no-referrer");
    r.set("X-Frame-Options", "DENY");
    r.set("Content-Security-Policy", CSP);
  }

  private static void sendJson(HttpExchange ex, int status, JsonNode node) throws IOException {
    byte[] bytes = RebalanceJson.json().writeValueAsBytes(node);
    Headers r = ex.getResponseHeaders();
    r.set("Content-Type", "application/json; charset=utf-8");
    r.set("Cache-Control", "no-store");
    securityHeaders(r);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sendError(HttpExchange ex, int status, String message) throws IOException {
    if (status == 401) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"rebalance-dashboard\"");
    }
    sendJson(ex, status, Output.NODES.objectNode().put("error", message));
  }
}
