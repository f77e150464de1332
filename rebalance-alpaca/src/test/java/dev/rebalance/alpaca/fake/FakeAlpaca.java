package dev.rebalance.alpaca.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rebalance.alpaca.AlpacaConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Alpaca (Trading API v2, the bits of Market Data v2 we use, and the trade-updates
 * WebSocket) on loopback, with realistic bodies and fault injection. Market orders fill at once, in
 * one or more executions, each recorded as a FILL activity and pushed to listening stream
 * connections.
 */
public final class FakeAlpaca implements AutoCloseable {
  public static final String KEY_ID = "PKTESTKEYID0000000001";
  public static final String SECRET = "fake-secret-0000000000000000000000000001";
  private static final ObjectMapper M = new ObjectMapper();

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY every response waits
    // for a delayed ACK (~40 ms).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final DateTimeFormatter NANOS = DateTimeFormatter.ISO_INSTANT;

  private final HttpServer http;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  /** Trade updates leave in the order the executions happened, as from Alpaca. */
  private final ExecutorService publisher = Executors.newSingleThreadExecutor();

  private final WsServer ws;
  private final Clock clock;
  private final String keyId;
  private final String secret;

  // ---- state (guarded by this)
  private final Map<String, ObjectNode> ordersById = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> ordersByClientId = new HashMap<>();
  private final List<ObjectNode> activities = new ArrayList<>();
  private final Map<String, BigDecimal[]> positions = new LinkedHashMap<>(); // qty, avg price
  private final Map<String, BigDecimal> prices = new HashMap<>();
  private final Map<String, String> stubs = new HashMap<>();
  private final Map<String, Integer> stubStatus = new HashMap<>();
  private final Map<String, Map<String, String>> stubHeaders = new HashMap<>();
  private final Map<String, Deque<String>> stubQueues = new HashMap<>();
  private Instant fillTime = Instant.parse("2026-11-02T15:00:00Z");
  private BigDecimal cash = new BigDecimal("1000000");

  // ---- behaviour
  private volatile boolean enforceUniqueClientOrderId = true;
  private volatile boolean autoFill = true;
  private volatile int fillParts = 1;
  private volatile Duration slow = Duration.ofMillis(400);
  private volatile Duration slowOk = Duration.ofMillis(5);
  private volatile boolean fillTimesFollowClock;
  private volatile boolean shortSelling;
  private volatile boolean noShorting;
  private final Map<String, String> lastQueries = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean publishFills = true;
  private final AtomicInteger emptyListenAcks = new AtomicInteger();
  private final AtomicInteger emptyListenAcksSent = new AtomicInteger();
  private final AtomicInteger shortSellFills = new AtomicInteger();
  private final Map<String, AtomicInteger> requestsByKey =
      new java.util.concurrent.ConcurrentHashMap<>();

  // ---- REST faults
  private final Map<String, Deque<Fault>> queued = new LinkedHashMap<>();
  private volatile double chaosRate;
  private volatile List<Fault> chaosKinds = List.of();
  private final Random chaosRandom = new Random(7);
  private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger orderPosts = new AtomicInteger();

  // ---- stream faults
  private volatile double streamDropRate;
  private volatile double streamDuplicateRate;
  private final Random streamRandom = new Random(11);
  private final AtomicInteger streamDrops = new AtomicInteger();
  private final AtomicInteger streamHalfFrames = new AtomicInteger();
  private final AtomicInteger streamDuplicates = new AtomicInteger();
  private final AtomicInteger streamEvents = new AtomicInteger();
  private final List<String> authMessages = new java.util.concurrent.CopyOnWriteArrayList<>();

  public FakeAlpaca(Clock clock) throws IOException {
    this(clock, KEY_ID, SECRET);
  }

  public FakeAlpaca(Clock clock, String keyId, String secret) throws IOException {
    this.clock = clock;
    this.keyId = keyId;
    this.secret = secret;
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicInteger());
    }
    prices.put("AAPL", new BigDecimal("174.29"));
    prices.put("MSFT", new BigDecimal("410.10"));
    prices.put("PEP", new BigDecimal("170.25"));
    prices.put("TSLA", new BigDecimal("250.00"));
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    http.createContext("/", this::handle);
    http.setExecutor(pool);
    http.start();
    ws = new WsServer(this::onStreamMessage);
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  public URI streamUrl() {
    return URI.create("ws://127.0.0.1:" + ws.port() + "/stream");
  }

  public AlpacaConfig.Builder config() {
    return AlpacaConfig.builder()
        .keyId(keyId)
        .secretKey(secret)
        .baseUrl(baseUrl())
        .dataUrl(baseUrl())
        .streamUrl(streamUrl());
  }

  public WsServer ws() {
    return ws;
  }

  // ------------------------------------------------------------------ configuration

  public void enforceUniqueClientOrderId(boolean on) {
    enforceUniqueClientOrderId = on;
  }

  public void autoFill(boolean on) {
    autoFill = on;
  }

  public void fillParts(int n) {
    fillParts = n;
  }

  /**
   * Executions are stamped no earlier than the fake's clock (as Alpaca stamps them with its own
   * time), instead of a fixed day before it; for tests of time-anchored catch-ups.
   */
  public void fillTimesFollowClock(boolean on) {
    fillTimesFollowClock = on;
  }

  /**
   * Fault kind: a margin account. A sell beyond the shares held opens (or adds to) a short, and its
   * FILL activity carries Alpaca's execution side {@code sell_short} (as in Alpaca-API#96), while
   * the order's side stays {@code sell}.
   */
  public void shortSelling(boolean on) {
    shortSelling = on;
  }

  /**
   * Appends a FILL activity with the given execution side, as from an execution the fake does not
   * model (a {@code cross}, an {@code undisclosed} side); positions do not change.
   */
  public synchronized void recordActivity(String symbol, String side, String qty, String price) {
    fillTime = fillTime.plusSeconds(1);
    if (fillTimesFollowClock && fillTime.isBefore(clock.instant())) {
      fillTime = clock.instant();
    }
    ObjectNode act = M.createObjectNode();
    act.put(
        "id",
        DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC).format(fillTime)
            + "::"
            + UUID.randomUUID());
    act.put("activity_type", "FILL");
    act.put("transaction_time", ts(fillTime));
    act.put("type", "fill");
    act.put("price", price);
    act.put("qty", qty);
    act.put("side", side);
    act.put("symbol", symbol);
    act.put("leaves_qty", "0");
    act.put("order_id", UUID.randomUUID().toString());
    act.put("cum_qty", qty);
    act.put("order_status", "filled");
    activities.add(act);
  }

  /** Executions are recorded as FILL activities but not pushed on the stream (REST only). */
  public void publishFills(boolean on) {
    publishFills = on;
  }

  /**
   * Fault kind: the next {@code n} {@code listen} requests are acknowledged without {@code
   * trade_updates} ({@code "streams":[]}), as Alpaca does for a stream it will not serve.
   */
  public void emptyListenAcks(int n) {
    emptyListenAcks.set(n);
  }

  public int emptyListenAcksSent() {
    return emptyListenAcksSent.get();
  }

  public int shortSellFills() {
    return shortSellFills.get();
  }

  /**
   * The decoded query string of the last request to {@code key}, such as {@code "GET
   * /v2/stocks/AAPL/bars"}.
   */
  public String lastQuery(String key) {
    return lastQueries.getOrDefault(key, "");
  }

  /**
   * Requests received for one endpoint key, such as {@code "GET /v2/orders:by_client_order_id"}.
   */
  public int requestsTo(String key) {
    AtomicInteger n = requestsByKey.get(key);
    return n == null ? 0 : n.get();
  }

  public void slowDelay(Duration d) {
    slow = d;
  }

  public synchronized void price(String symbol, String price) {
    prices.put(symbol, new BigDecimal(price));
  }

  public synchronized void position(String symbol, String qty, String avg) {
    positions.put(symbol, new BigDecimal[] {new BigDecimal(qty), new BigDecimal(avg)});
  }

  /** Serves {@code body} with {@code status} for {@code "GET /v2/account"}-style keys. */
  public synchronized void stub(String methodAndPath, int status, String body) {
    stubs.put(methodAndPath, body);
    stubStatus.put(methodAndPath, status);
  }

  /** Like {@link #stub(String, int, String)}, with response headers (such as X-RateLimit-Reset). */
  public synchronized void stub(
      String methodAndPath, int status, String body, Map<String, String> headers) {
    stub(methodAndPath, status, body);
    stubHeaders.put(methodAndPath, Map.copyOf(headers));
  }

  /** Serves {@code bodies} (status 200) to successive requests; the last one is repeated. */
  public synchronized void stubSequence(String methodAndPath, List<String> bodies) {
    stubQueues.put(methodAndPath, new ArrayDeque<>(bodies));
    stub(methodAndPath, 200, bodies.get(bodies.size() - 1));
  }

  /**
   * The next requests whose "METHOD path" starts with {@code prefix} get these faults, in order.
   */
  public synchronized void queueFaults(String prefix, Fault... faults) {
    queued.computeIfAbsent(prefix, k -> new ArrayDeque<>()).addAll(List.of(faults));
  }

  public void chaos(double rate, List<Fault> kinds) {
    chaosKinds = List.copyOf(kinds);
    chaosRate = rate;
  }

  public void streamChaos(double dropRate, double duplicateRate) {
    streamDropRate = dropRate;
    streamDuplicateRate = duplicateRate;
  }

  // ------------------------------------------------------------------ observations

  public Map<Fault, Integer> injectedFaults() {
    Map<Fault, Integer> m = new EnumMap<>(Fault.class);
    injected.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  public int totalRestFaults() {
    return injected.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public int streamDrops() {
    return streamDrops.get();
  }

  public int streamHalfFrames() {
    return streamHalfFrames.get();
  }

  public int streamDuplicates() {
    return streamDuplicates.get();
  }

  public int requests() {
    return requests.get();
  }

  public int orderPosts() {
    return orderPosts.get();
  }

  public List<String> authMessages() {
    return List.copyOf(authMessages);
  }

  public synchronized List<ObjectNode> orders() {
    return List.copyOf(ordersById.values());
  }

  public synchronized Map<String, Integer> ordersPerClientId() {
    Map<String, Integer> m = new HashMap<>();
    ordersByClientId.forEach((k, v) -> m.put(k, v.size()));
    return m;
  }

  /** Every execution as (fill id as the client derives it, activity JSON). */
  public synchronized List<ObjectNode> fills() {
    return List.copyOf(activities);
  }

  public synchronized BigDecimal positionQty(String symbol) {
    BigDecimal[] p = positions.get(symbol);
    return p == null ? BigDecimal.ZERO : p[0];
  }

  // ------------------------------------------------------------------ order book actions

  /** Fills a resting order now (for tests with autoFill off), in one execution. */
  public void fillNow(String orderId) {
    List<ObjectNode> events;
    synchronized (this) {
      ObjectNode o = ordersById.get(orderId);
      events = execute(o, 1);
      List<ObjectNode> out = List.copyOf(events);
      publisher.execute(() -> out.forEach(this::publish));
    }
  }

  // ------------------------------------------------------------------ HTTP

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      String key = method + " " + URLDecoder.decode(path, StandardCharsets.UTF_8);
      requestsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      String rawQuery = ex.getRequestURI().getRawQuery();
      lastQueries.put(
          key, rawQuery == null ? "" : URLDecoder.decode(rawQuery, StandardCharsets.UTF_8));
      if (!keyId.equals(ex.getRequestHeaders().getFirst("APCA-API-KEY-ID"))
          || !secret.equals(ex.getRequestHeaders().getFirst("APCA-API-SECRET-KEY"))) {
        send(ex, 401, "{\"code\":40110000,\"message\":\"request is not authorized\"}");
        return;
      }
      Fault fault = nextFault(key);
      if (fault != null) {
        injected.get(fault).incrementAndGet();
        if (!fault.processes()) {
          switch (fault) {
            case RATE_LIMIT -> {
              long reset = clock.instant().plusSeconds(1 + chaosRandom.nextInt(2)).getEpochSecond();
              ex.getResponseHeaders().add("X-RateLimit-Limit", "200");
              ex.getResponseHeaders().add("X-RateLimit-Remaining", "0");
              ex.getResponseHeaders().add("X-RateLimit-Reset", Long.toString(reset));
              send(ex, 429, "{\"code\":42910000,\"message\":\"rate limit exceeded\"}");
            }
            case SERVER_ERROR -> {
              int[] codes = {500, 502, 503, 504};
              int c = codes[chaosRandom.nextInt(codes.length)];
              send(
                  ex,
                  c,
                  c == 502
                      ? "<html><body>502 Bad Gateway</body></html>"
                      : "{\"code\":50010000,\"message\":\"internal server error occurred\"}");
            }
            default -> drop(ex);
          }
          return;
        }
      }
      byte[] body = ex.getRequestBody().readAllBytes();
      Reply reply;
      List<ObjectNode> events = new ArrayList<>();
      synchronized (this) {
        reply =
            route(
                method,
                path,
                key,
                query(ex.getRequestURI()),
                new String(body, StandardCharsets.UTF_8),
                events);
        List<ObjectNode> out = List.copyOf(events);
        if (!out.isEmpty() && publishFills) {
          publisher.execute(() -> out.forEach(this::publish));
        }
      }
      if (fault == null || fault == Fault.SLOW_OK) {
        if (fault == Fault.SLOW_OK) {
          pause(slowOk);
        }
        reply.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        send(ex, reply.status, reply.body);
      } else {
        switch (fault) {
          case ACCEPT_THEN_SERVER_ERROR ->
              send(ex, 500, "{\"code\":50010000,\"message\":\"internal server error occurred\"}");
          case ACCEPT_THEN_DROP -> drop(ex);
          case ACCEPT_THEN_SLOW -> {
            pause(slow);
            send(ex, reply.status, reply.body);
          }
          case ACCEPT_THEN_MALFORMED ->
              send(ex, 200, reply.body.substring(0, Math.max(1, reply.body.length() / 3)));
          default -> send(ex, reply.status, reply.body);
        }
      }
    } catch (RuntimeException e) {
      send(ex, 500, "{\"code\":50000000,\"message\":\"fake failed: " + e + "\"}");
    } finally {
      ex.close();
    }
  }

  private synchronized Fault nextFault(String key) {
    for (Map.Entry<String, Deque<Fault>> e : queued.entrySet()) {
      if (key.startsWith(e.getKey()) && !e.getValue().isEmpty()) {
        return e.getValue().poll();
      }
    }
    if (chaosRate > 0 && !chaosKinds.isEmpty() && chaosRandom.nextDouble() < chaosRate) {
      return chaosKinds.get(chaosRandom.nextInt(chaosKinds.size()));
    }
    return null;
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void drop(HttpExchange ex) throws IOException {
    // Promise a body, send a few bytes, hang up: the client sees a broken response.
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, 4096);
    OutputStream out = ex.getResponseBody();
    out.write("{\"id\":".getBytes(StandardCharsets.UTF_8));
    out.flush();
    ex.getHttpContext().getServer();
    throw new IOException("dropped on purpose");
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.getResponseHeaders().add("X-Request-ID", UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, status == 204 ? -1 : b.length);
    if (status != 204) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    }
  }

  private record Reply(int status, String body, Map<String, String> headers) {
    Reply(int status, String body) {
      this(status, body, Map.of());
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> q = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return q;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      q.put(
          URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  private Reply route(
      String method,
      String rawPath,
      String key,
      Map<String, String> q,
      String body,
      List<ObjectNode> events) {
    if (stubs.containsKey(key)) {
      Deque<String> queue = stubQueues.get(key);
      if (queue != null && queue.size() > 1) {
        return new Reply(200, queue.poll(), Map.of());
      }
      return new Reply(
          stubStatus.get(key), stubs.get(key), stubHeaders.getOrDefault(key, Map.of()));
    }
    String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
    if (key.equals("GET /v2/account")) {
      return ok(account());
    }
    if (key.equals("GET /v2/account/configurations")
        || key.equals("PATCH /v2/account/configurations")) {
      if (method.equals("PATCH") && read(body).has("no_shorting")) {
        noShorting = read(body).get("no_shorting").asBoolean();
      }
      // the shape of alpaca-py's tests/trading/trading_client/test_account_routes.py fixture
      ObjectNode c = M.createObjectNode();
      c.put("no_shorting", noShorting);
      c.put("suspend_trade", false);
      c.put("fractional_trading", true);
      c.put("max_margin_multiplier", "4");
      c.put("trade_confirm_email", "all");
      c.put("ptp_no_exception_entry", false);
      c.put("max_options_trading_level", 1);
      return ok(c);
    }
    if (key.equals("GET /v2/positions")) {
      ArrayNode a = M.createArrayNode();
      positions.keySet().forEach(s -> a.add(positionJson(s)));
      return ok(a);
    }
    if (path.startsWith("/v2/positions/")) {
      String sym = path.substring("/v2/positions/".length());
      if (!positions.containsKey(sym)) {
        return new Reply(404, "{\"code\":40410000,\"message\":\"position does not exist\"}");
      }
      if (method.equals("GET")) {
        return ok(positionJson(sym));
      }
      BigDecimal held = positions.get(sym)[0];
      BigDecimal qty =
          q.containsKey("qty")
              ? new BigDecimal(q.get("qty"))
              : q.containsKey("percentage")
                  ? held.multiply(new BigDecimal(q.get("percentage")))
                      .divide(BigDecimal.valueOf(100), 9, RoundingMode.DOWN)
                  : held;
      return createOrder(sym, "sell", qty, null, UUID.randomUUID().toString(), events);
    }
    if (key.equals("POST /v2/orders")) {
      orderPosts.incrementAndGet();
      JsonNode n = read(body);
      String cid = n.path("client_order_id").asText(UUID.randomUUID().toString());
      if (enforceUniqueClientOrderId && ordersByClientId.containsKey(cid)) {
        return new Reply(422, "{\"code\":40010001,\"message\":\"client_order_id must be unique\"}");
      }
      BigDecimal qty = n.hasNonNull("qty") ? new BigDecimal(n.get("qty").asText()) : null;
      BigDecimal notional =
          n.hasNonNull("notional") ? new BigDecimal(n.get("notional").asText()) : null;
      return createOrder(
          n.path("symbol").asText(), n.path("side").asText(), qty, notional, cid, events);
    }
    if (key.equals("GET /v2/orders:by_client_order_id")) {
      List<ObjectNode> l = ordersByClientId.get(q.get("client_order_id"));
      return l == null
          ? new Reply(404, "{\"code\":40410000,\"message\":\"order not found\"}")
          : ok(l.get(0));
    }
    if (path.startsWith("/v2/orders/")) {
      ObjectNode o = ordersById.get(path.substring("/v2/orders/".length()));
      if (o == null) {
        return new Reply(404, "{\"code\":40410000,\"message\":\"order not found\"}");
      }
      if (method.equals("DELETE")) {
        String st = o.get("status").asText();
        if (st.equals("filled") || st.equals("canceled") || st.equals("expired")) {
          return new Reply(422, "{\"code\":42210000,\"message\":\"order is not cancelable\"}");
        }
        o.put("status", "canceled");
        o.put("canceled_at", ts(clock.instant()));
        return new Reply(204, "");
      }
      return ok(o);
    }
    if (key.equals("GET /v2/account/activities/FILL")) {
      return ok(activityPage(q));
    }
    if (key.equals("GET /v2/clock")) {
      ObjectNode c = M.createObjectNode();
      c.put("timestamp", "2026-11-03T10:15:22.123456789-05:00");
      c.put("is_open", true);
      c.put("next_open", "2026-11-04T09:30:00-05:00");
      c.put("next_close", "2026-11-03T16:00:00-05:00");
      return ok(c);
    }
    if (path.startsWith("/v2/assets/")) {
      String sym = path.substring("/v2/assets/".length());
      if (!prices.containsKey(sym)) {
        return new Reply(404, "{\"code\":40410000,\"message\":\"asset not found\"}");
      }
      ObjectNode a = M.createObjectNode();
      a.put("id", UUID.nameUUIDFromBytes(sym.getBytes(StandardCharsets.UTF_8)).toString());
      a.put("class", "us_equity");
      a.put("exchange", "NASDAQ");
      a.put("symbol", sym);
      a.put("name", sym + " Inc. Common Stock");
      a.put("status", "active");
      a.put("tradable", true);
      a.put("marginable", true);
      a.put("shortable", true);
      a.put("easy_to_borrow", true);
      a.put("fractionable", !sym.equals("PEP"));
      return ok(a);
    }
    if (path.startsWith("/v2/stocks/") && path.endsWith("/trades/latest")) {
      String sym =
          path.substring("/v2/stocks/".length(), path.length() - "/trades/latest".length());
      if (!prices.containsKey(sym)) {
        return new Reply(404, "{\"message\":\"not found\"}");
      }
      ObjectNode t = M.createObjectNode();
      t.put("t", "2026-11-03T15:15:22.123456789Z");
      t.put("x", "V");
      t.put("p", prices.get(sym));
      t.put("s", 100);
      t.put("i", 52983525029461L);
      t.putArray("c").add("@");
      t.put("z", "C");
      ObjectNode r = M.createObjectNode();
      r.put("symbol", sym);
      r.set("trade", t);
      return ok(r);
    }
    return new Reply(404, "{\"code\":40400000,\"message\":\"endpoint not found\"}");
  }

  private static JsonNode read(String body) {
    try {
      return M.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply ok(JsonNode n) {
    return new Reply(200, n.toString());
  }

  private static String ts(Instant i) {
    return NANOS.format(i);
  }

  private ObjectNode account() {
    ObjectNode a = M.createObjectNode();
    a.put("id", "e6fe16f3-64a4-4921-8928-cadf02f92f98");
    a.put("account_number", "PA123456789");
    a.put("status", "ACTIVE");
    a.put("crypto_status", "ACTIVE");
    a.put("currency", "USD");
    a.put("buying_power", cash.multiply(BigDecimal.valueOf(2)).toPlainString());
    a.put("cash", cash.toPlainString());
    a.put("portfolio_value", cash.toPlainString());
    a.put("equity", cash.toPlainString());
    a.put("last_equity", "122011.09751111286868");
    a.put("multiplier", "2");
    a.put("trading_blocked", false);
    a.put("transfers_blocked", false);
    a.put("account_blocked", false);
    a.put("trade_suspended_by_user", false);
    a.put("created_at", "2023-01-01T18:20:20.272275Z");
    a.put("options_trading_level", 2);
    return a;
  }

  private ObjectNode positionJson(String sym) {
    BigDecimal[] p = positions.get(sym);
    BigDecimal price = prices.getOrDefault(sym, p[1]);
    BigDecimal mv = p[0].multiply(price);
    BigDecimal cost = p[0].multiply(p[1]);
    ObjectNode n = M.createObjectNode();
    n.put("asset_id", UUID.nameUUIDFromBytes(sym.getBytes(StandardCharsets.UTF_8)).toString());
    n.put("symbol", sym);
    n.put("exchange", "NASDAQ");
    n.put("asset_class", "us_equity");
    n.put("asset_marginable", true);
    n.put("qty", p[0].toPlainString());
    n.put("qty_available", p[0].toPlainString());
    n.put("side", p[0].signum() < 0 ? "short" : "long");
    n.put("avg_entry_price", p[1].toPlainString());
    n.put("cost_basis", cost.toPlainString());
    n.put("market_value", mv.toPlainString());
    n.put("current_price", price.toPlainString());
    n.put("lastday_price", price.toPlainString());
    n.put("change_today", "0");
    n.put("unrealized_pl", mv.subtract(cost).toPlainString());
    n.put(
        "unrealized_plpc",
        cost.signum() == 0
            ? "0"
            : mv.subtract(cost).divide(cost, 16, RoundingMode.HALF_EVEN).toPlainString());
    return n;
  }

  private Reply createOrder(
      String sym,
      String side,
      BigDecimal qty,
      BigDecimal notional,
      String cid,
      List<ObjectNode> events) {
    BigDecimal price = prices.get(sym);
    if (price == null) {
      return new Reply(422, "{\"code\":40010001,\"message\":\"asset " + sym + " not found\"}");
    }
    if (qty == null) {
      qty = notional.divide(price, 9, RoundingMode.DOWN);
    }
    if (side.equals("sell")) {
      BigDecimal held = positionQty(sym);
      if (held.compareTo(qty) < 0 && (!shortSelling || noShorting)) {
        return new Reply(
            403,
            "{\"available\":\""
                + held.toPlainString()
                + "\",\"code\":40310000,\"existing_qty\":\""
                + held.toPlainString()
                + "\",\"held_for_orders\":\"0\",\"message\":\"insufficient qty available for order (requested: "
                + qty.toPlainString()
                + ", available: "
                + held.toPlainString()
                + ")\",\"related_orders\":[],\"symbol\":\""
                + sym
                + "\"}");
      }
    } else if (qty.multiply(price).compareTo(cash.multiply(BigDecimal.valueOf(2))) > 0) {
      return new Reply(
          403,
          "{\"buying_power\":\""
              + cash.multiply(BigDecimal.valueOf(2)).toPlainString()
              + "\",\"code\":40310000,\"cost_basis\":\""
              + qty.multiply(price).toPlainString()
              + "\",\"message\":\"insufficient buying power\"}");
    }
    Instant now = clock.instant();
    ObjectNode o = M.createObjectNode();
    o.put("id", UUID.randomUUID().toString());
    o.put("client_order_id", cid);
    o.put("created_at", ts(now));
    o.put("updated_at", ts(now));
    o.put("submitted_at", ts(now));
    o.putNull("filled_at");
    o.putNull("expired_at");
    o.putNull("canceled_at");
    o.putNull("failed_at");
    o.putNull("replaced_at");
    o.putNull("replaced_by");
    o.putNull("replaces");
    o.put("asset_id", UUID.nameUUIDFromBytes(sym.getBytes(StandardCharsets.UTF_8)).toString());
    o.put("symbol", sym);
    o.put("asset_class", "us_equity");
    if (notional != null) {
      o.put("notional", notional.toPlainString());
      o.putNull("qty");
    } else {
      o.putNull("notional");
      o.put("qty", qty.toPlainString());
    }
    o.put("filled_qty", "0");
    o.putNull("filled_avg_price");
    o.put("order_class", "");
    o.put("order_type", "market");
    o.put("type", "market");
    o.put("side", side);
    o.put("position_intent", side.equals("buy") ? "buy_to_open" : "sell_to_close");
    o.put("time_in_force", "day");
    o.putNull("limit_price");
    o.putNull("stop_price");
    o.put("status", "accepted");
    o.put("extended_hours", false);
    o.putNull("legs");
    o.putNull("trail_percent");
    o.putNull("trail_price");
    o.putNull("hwm");
    o.put("subtag", (String) null);
    o.put("source", (String) null);
    o.put("_qty", qty.toPlainString());
    ordersById.put(o.get("id").asText(), o);
    ordersByClientId.computeIfAbsent(cid, k -> new ArrayList<>()).add(o);
    ObjectNode accepted = o.deepCopy();
    accepted.remove("_qty");
    if (autoFill) {
      events.addAll(execute(o, fillParts));
    }
    return ok(accepted);
  }

  /** Executes the rest of an order in {@code parts} executions; returns the stream events. */
  private List<ObjectNode> execute(ObjectNode o, int parts) {
    List<ObjectNode> events = new ArrayList<>();
    BigDecimal total = new BigDecimal(o.get("_qty").asText());
    BigDecimal filled = new BigDecimal(o.get("filled_qty").asText());
    String sym = o.get("symbol").asText();
    String side = o.get("side").asText();
    BigDecimal price = prices.get(sym);
    BigDecimal remaining = total.subtract(filled);
    BigDecimal cost =
        filled.multiply(
            o.hasNonNull("filled_avg_price")
                ? new BigDecimal(o.get("filled_avg_price").asText())
                : BigDecimal.ZERO);
    for (int i = 0; i < parts && remaining.signum() > 0; i++) {
      BigDecimal q =
          i == parts - 1
              ? remaining
              : remaining.divide(BigDecimal.valueOf(parts - i), 0, RoundingMode.DOWN);
      if (q.signum() <= 0) {
        continue;
      }
      remaining = remaining.subtract(q);
      filled = filled.add(q);
      cost = cost.add(q.multiply(price));
      fillTime = fillTime.plusSeconds(1).plusNanos(123_456_789L % 1_000_000_000L);
      if (fillTimesFollowClock && fillTime.isBefore(clock.instant())) {
        fillTime = clock.instant();
      }
      Instant t = fillTime;
      boolean done = remaining.signum() == 0;
      o.put("filled_qty", filled.toPlainString());
      o.put(
          "filled_avg_price",
          cost.divide(filled, 9, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
      o.put("status", done ? "filled" : "partially_filled");
      o.put("updated_at", ts(t));
      if (done) {
        o.put("filled_at", ts(t));
      }
      // position
      BigDecimal[] p = positions.get(sym);
      BigDecimal held = p == null ? BigDecimal.ZERO : p[0];
      BigDecimal after = side.equals("buy") ? held.add(q) : held.subtract(q);
      String executionSide = side;
      if (side.equals("sell") && after.signum() < 0) {
        executionSide = "sell_short";
        shortSellFills.incrementAndGet();
      }
      if (after.signum() == 0) {
        positions.remove(sym);
      } else if (side.equals("sell") && after.signum() < 0) {
        positions.put(sym, new BigDecimal[] {after, held.signum() > 0 || p == null ? price : p[1]});
      } else if (side.equals("buy")) {
        BigDecimal avg =
            p == null
                ? price
                : p[0].multiply(p[1])
                    .add(q.multiply(price))
                    .divide(after, 9, RoundingMode.HALF_EVEN);
        positions.put(sym, new BigDecimal[] {after, avg});
      } else {
        positions.put(sym, new BigDecimal[] {after, p[1]});
      }
      cash = side.equals("buy") ? cash.subtract(q.multiply(price)) : cash.add(q.multiply(price));
      ObjectNode act = M.createObjectNode();
      act.put(
          "id",
          DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC).format(t)
              + "::"
              + UUID.randomUUID());
      act.put("activity_type", "FILL");
      act.put("transaction_time", ts(t));
      act.put("type", done ? "fill" : "partial_fill");
      act.put("price", price.toPlainString());
      act.put("qty", q.toPlainString());
      act.put("side", executionSide);
      act.put("symbol", sym);
      act.put("leaves_qty", remaining.toPlainString());
      act.put("order_id", o.get("id").asText());
      act.put("cum_qty", filled.toPlainString());
      act.put("order_status", done ? "filled" : "partially_filled");
      activities.add(act);
      ObjectNode order = o.deepCopy();
      order.remove("_qty");
      ObjectNode data = M.createObjectNode();
      data.put("event", done ? "fill" : "partial_fill");
      data.put("execution_id", UUID.randomUUID().toString());
      data.set("order", order);
      data.put("position_qty", after.toPlainString());
      data.put("price", price.toPlainString());
      data.put("qty", q.toPlainString());
      data.put("timestamp", ts(t));
      ObjectNode msg = M.createObjectNode();
      msg.put("stream", "trade_updates");
      msg.set("data", data);
      events.add(msg);
    }
    return events;
  }

  private ArrayNode activityPage(Map<String, String> q) {
    boolean asc = "asc".equals(q.get("direction"));
    int size = Integer.parseInt(q.getOrDefault("page_size", "100"));
    Instant after = q.containsKey("after") ? Instant.parse(q.get("after")) : null;
    Instant until = q.containsKey("until") ? Instant.parse(q.get("until")) : null;
    String token = q.get("page_token");
    List<ObjectNode> sorted = new ArrayList<>(activities);
    sorted.sort((a, b) -> a.get("id").asText().compareTo(b.get("id").asText()));
    if (!asc) {
      java.util.Collections.reverse(sorted);
    }
    ArrayNode out = M.createArrayNode();
    boolean past = token == null;
    for (ObjectNode a : sorted) {
      if (!past) {
        past = a.get("id").asText().equals(token);
        continue;
      }
      Instant t = Instant.parse(a.get("transaction_time").asText());
      if ((after != null && !t.isAfter(after)) || (until != null && !t.isBefore(until))) {
        continue;
      }
      out.add(a);
      if (out.size() >= size) {
        break;
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ stream

  private void onStreamMessage(WsServer.Conn c, String text) {
    JsonNode n = read(text);
    String action = n.path("action").asText();
    if (action.equals("authenticate") || action.equals("auth")) {
      authMessages.add(text);
      JsonNode d = n.path("data");
      String k = d.path("key_id").asText(n.path("key").asText());
      String s = d.path("secret_key").asText(n.path("secret").asText());
      c.authorized = keyId.equals(k) && secret.equals(s);
      c.sendBinary(
          "{\"stream\":\"authorization\",\"data\":{\"status\":\""
              + (c.authorized ? "authorized" : "unauthorized")
              + "\",\"action\":\"authenticate\"}}");
    } else if (action.equals("listen")) {
      if (!c.authorized) {
        c.sendBinary(
            "{\"stream\":\"authorization\",\"data\":{\"status\":\"unauthorized\",\"action\":\"listen\"}}");
        return;
      }
      if (emptyListenAcks.getAndUpdate(n0 -> Math.max(0, n0 - 1)) > 0) {
        emptyListenAcksSent.incrementAndGet();
        c.sendBinary("{\"stream\":\"listening\",\"data\":{\"streams\":[]}}");
        return;
      }
      c.listening = true;
      c.sendBinary("{\"stream\":\"listening\",\"data\":{\"streams\":[\"trade_updates\"]}}");
    }
  }

  /** Sends a trade update to every listening connection, with stream faults. */
  public void publish(ObjectNode msg) {
    String text = msg.toString();
    streamEvents.incrementAndGet();
    for (WsServer.Conn c : ws.connections()) {
      if (!c.listening) {
        continue;
      }
      double r;
      double dup;
      synchronized (streamRandom) {
        r = streamRandom.nextDouble();
        dup = streamRandom.nextDouble();
      }
      if (r < streamDropRate / 2) {
        streamDrops.incrementAndGet();
        c.abort(); // disconnect before the fill: the event is lost for this connection
        continue;
      }
      if (r < streamDropRate) {
        streamHalfFrames.incrementAndGet();
        c.sendHalfThenDrop(text); // disconnect mid-fill
        continue;
      }
      int mode = (int) (r * 1000) % 3;
      if (mode == 0) {
        c.sendBinary(text);
      } else if (mode == 1) {
        c.sendText(text);
      } else {
        c.sendFragmented(text);
      }
      if (dup < streamDuplicateRate) {
        streamDuplicates.incrementAndGet();
        c.sendBinary(text);
      }
    }
  }

  @Override
  public void close() throws IOException {
    http.stop(0);
    pool.shutdownNow();
    publisher.shutdownNow();
    ws.close();
  }
}
