package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite: every body under {@code src/test/resources/alpaca-published/} is one that
 * Alpaca published (its OpenAPI spec, its docs, its official SDKs' test fixtures, its issue
 * threads; each file's source is in {@code SOURCES.md} there). The fake serves each body at the
 * endpoint named in {@code cases.json}, the real adapter reads it, and the mapped result (the
 * value's {@code toString()}) or the typed error ({@code ClassName: message}) must be exactly the
 * one recorded there.
 */
class PublishedPayloadsTest {
  private static final String DIR = "/alpaca-published/";
  private static final ObjectMapper M = new ObjectMapper();

  static String resource(String name) {
    try (InputStream in = PublishedPayloadsTest.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no published payload " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> cases() throws IOException {
    JsonNode all = M.readTree(resource("cases.json"));
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : all) {
      out.add(Arguments.of(c.get("file").asText(), c));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsOrFailsExactlyAsRecorded(String file, JsonNode c) throws Exception {
    String actual;
    try (FakeHarness h = new FakeHarness()) {
      actual = run(h, file, c);
    }
    if (c.path("expect").asText().isEmpty()) {
      System.out.println("UNRECORDED\t" + file + "\t" + c.get("call").asText() + "\t" + actual);
    }
    assertThat(actual).as(file).isEqualTo(c.path("expect").asText());
  }

  @Test
  void everyPayloadFileHasACaseAndASource() throws Exception {
    JsonNode all = M.readTree(resource("cases.json"));
    List<String> files = new ArrayList<>();
    all.forEach(c -> files.add(c.get("file").asText()));
    String sources = resource("SOURCES.md");
    for (String f : files) {
      assertThat(sources).as("SOURCES.md names " + f).contains("`" + f + "`");
    }
    List<String> present;
    try (Stream<Path> listing =
        Files.list(Path.of(PublishedPayloadsTest.class.getResource(DIR).toURI()))) {
      present =
          listing
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json") && !n.equals("cases.json"))
              .toList();
    }
    assertThat(present)
        .as("every file in the directory has a case")
        .containsExactlyInAnyOrderElementsOf(files.stream().distinct().toList());
  }

  private static String run(FakeHarness h, String file, JsonNode c) throws Exception {
    String body = resource(file);
    String call = c.get("call").asText();
    int status = c.path("status").asInt(200);
    String symbol = c.path("symbol").asText("AAPL");
    Map<String, String> headers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = c.path("headers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      headers.put(e.getKey(), e.getValue().asText());
    }
    try {
      switch (call) {
        case "account":
          h.fake.stub("GET /v2/account", status, body, headers);
          return String.valueOf(h.broker.account());
        case "noShorting":
          h.fake.stub("GET /v2/account/configurations", status, body, headers);
          return String.valueOf(h.broker.noShorting());
        case "positions":
          h.fake.stub("GET /v2/positions", status, wrap(body, c), headers);
          return String.valueOf(h.broker.positions());
        case "position":
          h.fake.stub("GET /v2/positions/" + symbol, status, body, headers);
          return String.valueOf(h.broker.position(symbol));
        case "order":
          h.fake.stub("GET /v2/orders/o-1", status, body, headers);
          return String.valueOf(h.broker.order("o-1"));
        case "closePosition":
          h.fake.stub("DELETE /v2/positions/" + symbol, status, body, headers);
          return String.valueOf(h.broker.closePosition(symbol));
        case "submitOrder":
          h.fake.stub("POST /v2/orders", status, body, headers);
          return String.valueOf(
              h.broker.submitOrder(
                  OrderRequest.builder()
                      .clientOrderId("conformance-1")
                      .symbol(symbol)
                      .side(OrderSide.BUY)
                      .qty(BigDecimal.ONE)
                      .build()));
        case "cancelOrder":
          h.fake.stub("DELETE /v2/orders/o-1", status, body, headers);
          h.broker.cancelOrder("o-1");
          return "canceled";
        case "fillsSince":
          h.fake.stub("GET /v2/account/activities/FILL", status, wrap(body, c), headers);
          return String.valueOf(h.broker.fillsSince(Instant.parse("2000-01-01T00:00:00Z")));
        case "asset":
          h.fake.stub("GET /v2/assets/" + symbol, status, body, headers);
          return String.valueOf(h.broker.asset(symbol));
        case "clock":
          h.fake.stub("GET /v2/clock", status, body, headers);
          return String.valueOf(h.broker.clock());
        case "bars":
          List<String> pages = new ArrayList<>();
          pages.add(body);
          if (c.has("then")) {
            pages.add(resource(c.get("then").asText()));
          }
          h.fake.stubSequence("GET /v2/stocks/" + symbol + "/bars", pages);
          return String.valueOf(
              h.broker.bars(
                  symbol,
                  "1Day",
                  Instant.parse("2022-02-01T00:00:00Z"),
                  Instant.parse("2022-02-03T00:00:00Z")));
        case "latestPrice":
          h.fake.stub("GET /v2/stocks/" + symbol + "/trades/latest", status, body, headers);
          return String.valueOf(h.broker.latestPrice(symbol));
        case "latestBar":
          h.fake.stub("GET /v2/stocks/" + symbol + "/bars/latest", status, body, headers);
          return String.valueOf(h.broker.latestBar(symbol));
        case "tradeUpdate":
          return String.valueOf(
              dev.rebalance.alpaca.internal.StreamSession.fillOf(M.readTree(body).get("data")));
        case "listening":
          return String.valueOf(
              dev.rebalance.alpaca.internal.StreamSession.acknowledgesTradeUpdates(
                  M.readTree(body).get("data")));
        default:
          throw new IllegalArgumentException("unknown call " + call);
      }
    } catch (AlpacaException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** A single published entity served where the endpoint answers with an array. */
  private static String wrap(String body, JsonNode c) throws IOException {
    if (!c.path("wrap").asBoolean(false)) {
      return body;
    }
    ArrayNode a = M.createArrayNode();
    a.add(M.readTree(body));
    return a.toString();
  }
}
