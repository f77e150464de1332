package dev.rebalance.cli.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.cli.Output;
import dev.rebalance.core.json.RebalanceJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The one response of one request: JSON, a static asset or a JSON error, each with the dashboard's
 * security headers. Sends at most once.
 *
 * <p>Not thread-safe in general, but {@link #sent()} guards against a second send from a racing
 * time-out.
 */
final class Reply {
  private static final String ASSETS = "/dev/rebalance/cli/dashboard/";
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Response response;
  private final Callback callback;
  private final AtomicBoolean done = new AtomicBoolean();

  Reply(Response response, Callback callback) {
    this.response = response;
    this.callback = callback;
  }

  /** Whether a response was already sent (or claimed by another thread). */
  boolean sent() {
    return done.get();
  }

  void json(int status, JsonNode node) {
    if (sent()) {
      return;
    }
    byte[] bytes;
    try {
      bytes = RebalanceJson.json().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    HttpFields.Mutable h = response.getHeaders();
    h.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    h.put(HttpHeader.CACHE_CONTROL, "no-store");
    send(status, bytes);
  }

  void error(ApiException e) {
    if (e.allow != null) {
      response.getHeaders().put(HttpHeader.ALLOW, e.allow);
    }
    error(e.status, e.getMessage());
  }

  void error(int status, String message) {
    if (sent()) {
      return;
    }
    if (status == 401) {
      response
          .getHeaders()
          .put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"rebalance-dashboard\"");
    }
    if (status == 408) {
      // The rest of the request may still be on its way: this connection cannot be reused.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    json(status, Output.NODES.objectNode().put("error", message));
  }

  void asset(String name, String type) {
    byte[] bytes;
    try (InputStream in = Reply.class.getResourceAsStream(ASSETS + name)) {
      if (in == null) {
        throw new ApiException(404, "no such page: " + name);
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpFields.Mutable h = response.getHeaders();
    h.put(HttpHeader.CONTENT_TYPE, type);
    h.put(HttpHeader.CACHE_CONTROL, "no-cache");
    send(200, bytes);
  }

  private void send(int status, byte[] bytes) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    HttpFields.Mutable h = response.getHeaders();
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "no-referrer");
    h.put("X-Frame-Options", "DENY");
    h.put("Content-Security-Policy", CSP);
    h.put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.setStatus(status);
    // For HEAD, Jetty sends the headers (with the length) and drops the body.
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
