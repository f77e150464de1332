package dev.rebalance.cli.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.rebalance.cli.Output;
import dev.rebalance.core.json.RebalanceJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a request body without holding a thread while it arrives, within a size cap and a deadline,
 * and parses it as one strict JSON value: a field given twice, trailing content or bytes that are
 * not UTF-8 are refused with a 400 naming the problem.
 *
 * <p>Stateless and thread-safe.
 */
final class RequestBody {
  /** The largest body accepted, in bytes. */
  static final int MAX_BYTES = 16 * 1024;

  private static final ObjectReader STRICT =
      RebalanceJson.json()
          .reader()
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RequestBody() {}

  /**
   * The body's bytes, completed when the whole body arrived; fails with a 400 when it is larger
   * than {@link #MAX_BYTES} and with a 408 when it has not arrived within {@code timeout}.
   */
  static CompletableFuture<byte[]> read(Request request, Duration timeout) {
    long declared = request.getLength();
    if (declared > MAX_BYTES) {
      return CompletableFuture.failedFuture(tooLarge());
    }
    CompletableFuture<byte[]> out = new CompletableFuture<>();
    // Completing only hands the bytes on (the work runs on a worker), so it never blocks.
    Content.Source.asByteArrayAsync(
        request,
        MAX_BYTES + 1,
        Promise.Invocable.from(
            Invocable.InvocationType.NON_BLOCKING,
            (byte[] bytes, Throwable err) -> {
              if (err != null) {
                out.completeExceptionally(err);
              } else if (bytes.length > MAX_BYTES) {
                out.completeExceptionally(tooLarge());
              } else {
                out.complete(bytes);
              }
            }));
    out.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return out.exceptionally(
        err -> {
          Throwable cause = err;
          while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
          }
          if (cause instanceof ApiException) {
            throw (ApiException) cause;
          }
          if (cause instanceof TimeoutException) {
            throw new ApiException(
                408, "the request body did not arrive within " + timeout.toMillis() + " ms");
          }
          if (cause instanceof IllegalArgumentException) {
            // Jetty's own size cap on the aggregation.
            throw tooLarge();
          }
          throw new ApiException(
              400, "the request body could not be read: " + cause.getClass().getSimpleName());
        });
  }

  /** Parses a body: empty or blank is an empty object; anything else must be strict JSON. */
  static JsonNode parse(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ApiException(400, "body must be UTF-8 encoded JSON");
    }
    if (text.isBlank()) {
      return Output.NODES.objectNode();
    }
    try {
      JsonNode n = STRICT.readTree(text);
      return n == null || n.isMissingNode() ? Output.NODES.objectNode() : n;
    } catch (JsonProcessingException e) {
      String original = e.getOriginalMessage();
      if (original != null && original.startsWith("Duplicate field ")) {
        throw new ApiException(
            400,
            "body names a field twice: "
                + original.substring("Duplicate field ".length())
                + "; each field may appear once");
      }
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new ApiException(400, "malformed JSON body" + where + ": " + oneLine(original));
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "body must be at most " + MAX_BYTES + " bytes");
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    String line = s.replaceAll("[\\r\\n]+", " ").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
