package dev.rebalance.alpaca.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.rebalance.alpaca.MalformedResponseException;
import dev.rebalance.alpaca.internal.RestTransport.Call;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.broker.Fill;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads FILL account activities ({@code GET /v2/account/activities/FILL}), paging with {@code
 * page_token}. A record that cannot be mapped to a {@link Fill} (a side without a direction for
 * this account, a missing field) is skipped and logged as {@value AlpacaLogEvents#FILL_SKIPPED}
 * with its activity id and the reason: one bad record never hides the fills after it.
 *
 * <p>Thread-safe.
 */
public final class FillHistory {
  private static final Logger log = LoggerFactory.getLogger(FillHistory.class);
  private static final String ENDPOINT = "GET /v2/account/activities/FILL";
  private static final int PAGE_SIZE = 100;
  private static final JavaType ACTIVITIES =
      AlpacaJson.mapper().getTypeFactory().constructCollectionType(List.class, Wire.Activity.class);

  private final RestTransport transport;
  private final URI baseUrl;

  /**
   * @param transport the client's transport
   * @param baseUrl the trading API's base URL
   */
  public FillHistory(RestTransport transport, URI baseUrl) {
    this.transport = transport;
    this.baseUrl = baseUrl;
  }

  /**
   * FILL activities at or after {@code since}, oldest first.
   *
   * @param since the earliest transaction time wanted
   * @return the fills, ordered by time then id
   */
  public List<Fill> since(Instant since) {
    Map<String, String> base = new LinkedHashMap<>();
    base.put("after", since.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString());
    base.put("direction", "asc");
    List<Fill> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    page(
        base,
        a -> true,
        f -> {
          if (!f.timestamp().isBefore(since) && seen.add(f.id())) {
            out.add(f);
          }
          return true;
        });
    out.sort(Comparator.comparing(Fill::timestamp).thenComparing(Fill::id));
    return List.copyOf(out);
  }

  /**
   * FILL activities of one symbol at or before {@code until}, newest first, at most {@code limit}.
   *
   * @param symbol the ticker
   * @param until the latest transaction time wanted
   * @param limit at most this many; {@code >= 1}
   * @return the fills, newest first
   */
  public List<Fill> before(String symbol, Instant until, int limit) {
    if (limit < 1) {
      throw new InvalidConfigException("limit must be >= 1, was " + limit);
    }
    Map<String, String> base = new LinkedHashMap<>();
    base.put("until", until.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toString());
    base.put("direction", "desc");
    List<Fill> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    page(
        base,
        a -> symbol.equals(a.symbol()),
        f -> {
          if (!f.timestamp().isAfter(until) && out.size() < limit && seen.add(f.id())) {
            out.add(f);
          }
          return out.size() < limit;
        });
    out.sort(Comparator.comparing(Fill::timestamp).thenComparing(Fill::id).reversed());
    return List.copyOf(out);
  }

  private interface Sink {
    /** Takes one fill; false when no more are wanted. */
    boolean accept(Fill f);
  }

  private interface Filter {
    boolean wanted(Wire.Activity a);
  }

  private void page(Map<String, String> base, Filter filter, Sink sink) {
    String token = null;
    boolean more = true;
    while (more) {
      Map<String, String> q = new LinkedHashMap<>(base);
      q.put("page_size", Integer.toString(PAGE_SIZE));
      if (token != null) {
        q.put("page_token", token);
      }
      Call call = AlpacaUris.get(baseUrl, "/v2/account/activities/FILL", ENDPOINT, q);
      List<Wire.Activity> page = transport.withRetry(call, ACTIVITIES);
      if (page == null) {
        throw new MalformedResponseException(ENDPOINT, 200, null, null, "empty body", null);
      }
      for (Wire.Activity a : page) {
        if (a == null
            || (a.activityType() != null && !"FILL".equalsIgnoreCase(a.activityType()))
            || !filter.wanted(a)) {
          continue;
        }
        Optional<Fill> f = map(a);
        if (f.isPresent() && !sink.accept(f.get())) {
          more = false;
        }
      }
      String last =
          page.isEmpty() || page.get(page.size() - 1) == null
              ? null
              : page.get(page.size() - 1).id();
      if (page.size() < PAGE_SIZE || last == null || last.equals(token)) {
        more = false;
      }
      token = last;
    }
  }

  /**
   * One activity as a fill, or empty (logged) when it cannot be mapped.
   *
   * @param a the activity
   * @return the fill, or empty when skipped
   */
  static Optional<Fill> map(Wire.Activity a) {
    try {
      return Optional.of(WireMapping.fill(ENDPOINT, a));
    } catch (MalformedResponseException e) {
      skipped(a.id(), a.orderId(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Logs a fill record that could not be mapped and is skipped.
   *
   * @param activityId the activity (or execution) id, when known
   * @param orderId the order id, when known
   * @param reason why it was skipped
   */
  public static void skipped(@Nullable String activityId, @Nullable String orderId, String reason) {
    log.atWarn()
        .setMessage(AlpacaLogEvents.FILL_SKIPPED)
        .addKeyValue("activity_id", activityId)
        .addKeyValue("order_id", orderId)
        .addKeyValue("reason", reason)
        .log();
  }
}
