package dev.rebalance.cli.dashboard;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a malformed request line, a header too large, an ambiguous path) in the
 * dashboard's error shape, {@code {"error": ...}}, with the same security headers, never an HTML
 * page or a stack trace.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonErrors implements Request.Handler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer
            ? (Integer) request.getAttribute(ErrorHandler.ERROR_STATUS)
            : response.getStatus();
    if (status < 400) {
      status = 500;
    }
    String reason = HttpStatus.getMessage(status);
    Object detail = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
    String message =
        detail instanceof String && !((String) detail).isBlank() && !detail.equals(reason)
            ? (String) detail
            : reason;
    // Jetty closes the connection after refusing a request it could not parse; saying so lets a
    // client open a new one for its next request instead of reusing the closed one (which a
    // client sees as an empty answer, not as this error).
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    new Reply(response, callback)
        .error(status, "request refused (HTTP " + status + "): " + message);
    return true;
  }
}
