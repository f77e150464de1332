package dev.rebalance.alpaca.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.alpaca.AlpacaException;
import dev.rebalance.alpaca.AlpacaTransportException;
import dev.rebalance.alpaca.MalformedResponseException;
import dev.rebalance.api.broker.Fill;
import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the trade-updates stream: its WebSocket listener (text and binary frames,
 * fragmented or not), the authorization and {@code listening} handshake, and the reading of {@code
 * trade_updates} messages into fills handed to {@code onFill}.
 *
 * <p>Thread-safe: the WebSocket calls it one message at a time; the futures are safe to wait on.
 */
public final class StreamSession implements WebSocket.Listener {
  private static final Logger log = LoggerFactory.getLogger(StreamSession.class);
  private static final String ENDPOINT = "WebSocket /stream";

  /** Completes when Alpaca authorizes the keys; fails when it refuses them or the socket ends. */
  public final CompletableFuture<Boolean> authorized = new CompletableFuture<>();

  /**
   * Completes when Alpaca acknowledges {@code trade_updates}; fails on any other acknowledgement.
   */
  public final CompletableFuture<Boolean> listening = new CompletableFuture<>();

  /** Completes when the socket ends. */
  public final CompletableFuture<Void> closed = new CompletableFuture<>();

  /** Pings sent since the last frame or pong. */
  public final AtomicInteger unanswered = new AtomicInteger();

  /** Whether the connection is listening. */
  public volatile boolean live;

  /** The failure that ended the connection, if any. */
  public volatile @Nullable Throwable failure;

  /** The server's close, if it closed. */
  public volatile @Nullable String closeReason;

  private final StringBuilder text = new StringBuilder();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Consumer<Fill> onFill;

  /**
   * @param onFill receives each fill the socket carries
   */
  public StreamSession(Consumer<Fill> onFill) {
    this.onFill = onFill;
  }

  @Override
  public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
    unanswered.set(0);
    webSocket.request(1);
    return null;
  }

  /** Why the connection ended, for the log. @return the reason */
  public String reason() {
    Throwable f = failure;
    if (f != null) {
      return f.getClass().getSimpleName() + (f.getMessage() == null ? "" : ": " + f.getMessage());
    }
    return closeReason == null ? "closed" : closeReason;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    unanswered.set(0);
    text.append(data);
    if (last) {
      String message = text.toString();
      text.setLength(0);
      handle(message);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    unanswered.set(0);
    byte[] chunk = new byte[data.remaining()];
    data.get(chunk);
    bytes.write(chunk, 0, chunk.length);
    if (last) {
      String message = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
      bytes.reset();
      handle(message);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = "closed by server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")";
    finish(new AlpacaTransportException(ENDPOINT, 0, null, null, closeReason, null));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    failure = error;
    finish(error);
  }

  private void finish(Throwable why) {
    authorized.completeExceptionally(why);
    listening.completeExceptionally(why);
    closed.complete(null);
  }

  private void handle(String text) {
    Wire.StreamMessage msg;
    try {
      msg = AlpacaJson.mapper().readValue(text, Wire.StreamMessage.class);
    } catch (JsonProcessingException e) {
      malformed("not JSON: " + e.getOriginalMessage());
      return;
    }
    if (msg == null || msg.stream() == null) {
      malformed("no 'stream' field");
      return;
    }
    switch (msg.stream()) {
      case "authorization":
        {
          String status = msg.data() == null ? "" : msg.data().path("status").asText("");
          if ("authorized".equals(status)) {
            authorized.complete(Boolean.TRUE);
          } else {
            authorized.completeExceptionally(
                new AlpacaException(
                    ENDPOINT,
                    0,
                    null,
                    null,
                    "authentication refused (status '" + status + "')",
                    null));
          }
          break;
        }
      case "listening":
        listening(msg.data());
        break;
      case "trade_updates":
        if (msg.data() == null) {
          malformed("trade_updates without data");
          return;
        }
        try {
          fillOf(msg.data()).ifPresent(onFill);
        } catch (JsonProcessingException e) {
          malformed(e.getOriginalMessage());
        }
        break;
      default:
        break;
    }
  }

  /**
   * The fill a {@code trade_updates} message's {@code data} carries: present for {@code fill} and
   * {@code partial_fill} events, empty for every other event (known or future). A fill that cannot
   * be mapped is logged as {@code alpaca_fill_skipped} and is empty.
   *
   * @param data the message's {@code data}
   * @return the fill, or empty
   * @throws JsonProcessingException when {@code data} is not a trade update
   */
  public static Optional<Fill> fillOf(JsonNode data) throws JsonProcessingException {
    Wire.TradeUpdate u = AlpacaJson.mapper().treeToValue(data, Wire.TradeUpdate.class);
    if (!"fill".equals(u.event()) && !"partial_fill".equals(u.event())) {
      return Optional.empty();
    }
    try {
      return Optional.of(WireMapping.fill(ENDPOINT + " trade_updates", u));
    } catch (MalformedResponseException e) {
      FillHistory.skipped(
          u.executionId(), u.order() == null ? null : u.order().id(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Whether a {@code listening} acknowledgement names {@code trade_updates}. Alpaca leaves streams
   * it will not serve out of it (its streaming docs).
   *
   * @param data the acknowledgement's {@code data}
   * @return true when {@code trade_updates} is among the streams
   */
  public static boolean acknowledgesTradeUpdates(@Nullable JsonNode data) {
    JsonNode streams = data == null ? null : data.get("streams");
    if (streams != null && streams.isArray()) {
      for (JsonNode s : streams) {
        if ("trade_updates".equals(s.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** A reply without {@code trade_updates} is a failed connection, never "connected". */
  private void listening(@Nullable JsonNode data) {
    if (acknowledgesTradeUpdates(data)) {
      listening.complete(Boolean.TRUE);
      return;
    }
    JsonNode streams = data == null ? null : data.get("streams");
    String got = streams == null ? "none" : streams.toString();
    log.atWarn()
        .setMessage(AlpacaLogEvents.STREAM_LISTEN_REFUSED)
        .addKeyValue("streams", got)
        .log();
    listening.completeExceptionally(
        new AlpacaException(
            ENDPOINT,
            0,
            null,
            null,
            "listen acknowledgement without trade_updates (streams: " + got + ")",
            null));
  }

  private static void malformed(@Nullable String what) {
    log.atWarn()
        .setMessage(AlpacaLogEvents.STREAM_MESSAGE_MALFORMED)
        .addKeyValue("problem", what)
        .log();
  }
}
