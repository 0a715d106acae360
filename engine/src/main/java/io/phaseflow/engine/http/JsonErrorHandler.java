package io.phaseflow.engine.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers by itself (a request it cannot parse, headers too large, a URI it refuses) in
 * the API's JSON error shape, never an HTML page. Thread-safe: stateless.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    io.phaseflow.engine.http.Response error =
        io.phaseflow.engine.http.Response.error(code, describe(code, message));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, error.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(error.body()), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    io.phaseflow.engine.http.Response error =
        io.phaseflow.engine.http.Response.error(status, describe(status, reason));
    fields.put(HttpHeader.CONTENT_TYPE, error.contentType());
    return ByteBuffer.wrap(error.body());
  }

  private static String describe(int code, String message) {
    String m = message == null || message.isBlank() ? null : message;
    return switch (code) {
      case 400 ->
          "the request could not be read: a malformed request line or header, a bad"
              + " percent-escape (write a % as %25) or a path that leaves the root";
      case 408 -> "the request was not received in time (the server's read timeout)";
      case 431 -> "the request headers are too large";
      default -> m == null ? "HTTP " + code : m;
    };
  }
}
