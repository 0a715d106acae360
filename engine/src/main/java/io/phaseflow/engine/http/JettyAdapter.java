package io.phaseflow.engine.http;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;

/**
 * Between Jetty and the pure part: reads a Jetty request into a {@link Request} (body bounded),
 * lets the {@link Gate} and then the {@link Router} answer it, and writes the {@link Response}.
 * Thread-safe: holds only immutable collaborators.
 */
final class JettyAdapter extends Handler.Abstract {
  /** The largest refused body still read to its end before the 413 (see refuseAfterDraining). */
  static final int DRAIN_BYTES = 4 * HttpApi.MAX_BODY_BYTES;

  private final Gate gate;
  private final Router router;
  private final Executor executor;

  /**
   * @param executor where routes run: the server's pool
   */
  JettyAdapter(Gate gate, Router router, Executor executor) {
    this.gate = gate;
    this.router = router;
    this.executor = executor;
  }

  @Override
  public boolean handle(
      org.eclipse.jetty.server.Request jetty,
      org.eclipse.jetty.server.Response response,
      Callback callback) {
    Request bare;
    try {
      bare = read(jetty);
      Response refused = gate.check(bare);
      long declared = jetty.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
      if (refused == null && declared > HttpApi.MAX_BODY_BYTES) {
        refuseAfterDraining(jetty, response, HttpApi.tooLarge(declared), declared, callback);
        return true;
      }
      if (refused != null) {
        write(jetty, response, refused, callback);
        return true;
      }
    } catch (RuntimeException e) {
      write(jetty, response, Errors.toResponse(e), callback);
      return true;
    }
    // The body arrives without holding a thread (a slow one is cut off by the read timeout);
    // the route, which may block on Redis, then runs on a pool thread.
    Content.Source.asByteArrayAsync(jetty, HttpApi.MAX_BODY_BYTES)
        .whenCompleteAsync(
            (body, failure) -> {
              if (failure == null) {
                write(jetty, response, route(bare, body), callback);
              } else if (tooLarge(failure)) {
                write(jetty, response, Errors.toResponse(HttpApi.tooLarge(-1)), callback);
              } else {
                // The client went away or stopped sending: nothing to answer to.
                callback.failed(failure);
              }
            },
            executor);
    return true;
  }

  /**
   * Reads and drops a body that is over the limit but not absurdly so before answering 413: a
   * server that answers and closes while the client is still sending makes the kernel reset the
   * connection, and the reset can destroy the 413 before the client reads it, leaving the client
   * with no answer at all. A body beyond {@link #DRAIN_BYTES} is refused at once all the same.
   */
  private void refuseAfterDraining(
      org.eclipse.jetty.server.Request jetty,
      org.eclipse.jetty.server.Response response,
      ApiException tooLarge,
      long declared,
      Callback callback) {
    Response refused = Errors.toResponse(tooLarge);
    if (declared > DRAIN_BYTES) {
      write(jetty, response, refused, callback);
      return;
    }
    Content.Source.asByteArrayAsync(jetty, DRAIN_BYTES)
        .whenCompleteAsync(
            (ignored, failure) -> write(jetty, response, refused, callback), executor);
  }

  private static Request read(org.eclipse.jetty.server.Request jetty) {
    String method = jetty.getMethod().toUpperCase(Locale.ROOT);
    HttpURI uri = jetty.getHttpURI();
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpField f : jetty.getHeaders()) {
      headers.putIfAbsent(f.getLowerCaseName(), f.getValue());
    }
    Map<String, String> query = UrlDecoding.decodeQuery(uri.getQuery());
    String remote = org.eclipse.jetty.server.Request.getRemoteAddr(jetty);
    return new Request(method, path, query, new byte[0], Map.of(), headers, remote);
  }

  private Response route(Request bare, byte[] body) {
    try {
      return router.handle(
          new Request(
              bare.method(),
              bare.path(),
              bare.query(),
              body,
              Map.of(),
              bare.headers(),
              bare.remote()));
    } catch (RuntimeException e) {
      return Errors.toResponse(e);
    }
  }

  /**
   * Whether reading the body failed for its size: Jetty fails the read with an unchecked "Max size
   * exceeded"; a connection that broke or stopped sending fails with an IOException or a
   * TimeoutException instead.
   */
  private static boolean tooLarge(Throwable failure) {
    Throwable t =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return t instanceof IllegalStateException || t instanceof IllegalArgumentException;
  }

  private static void write(
      org.eclipse.jetty.server.Request jetty,
      org.eclipse.jetty.server.Response response,
      Response answer,
      Callback callback) {
    response.setStatus(answer.status());
    HttpFields.Mutable headers = response.getHeaders();
    byte[] body = answer.body();
    if (answer.status() != 204) {
      headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
      headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    }
    headers.put("X-Content-Type-Options", "nosniff");
    if (answer.contentType().startsWith("application/json")) {
      headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    }
    answer.headers().forEach(headers::put);
    boolean head = jetty.getMethod().equalsIgnoreCase("HEAD");
    if (head || body.length == 0) {
      response.write(true, null, callback);
    } else {
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
