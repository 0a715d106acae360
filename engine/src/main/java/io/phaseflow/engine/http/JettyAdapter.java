package io.phaseflow.engine.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;

/**
 * Between Jetty and the pure part: reads a Jetty request into a {@link Request} (body bounded),
 * lets the {@link Gate} and then the {@link Router} answer it, and writes the {@link Response}.
 * Runs on the server's pool threads (routes block on Redis). Thread-safe: holds only immutable
 * collaborators.
 */
final class JettyAdapter extends Handler.Abstract {
  private static final long DRAIN_BYTES = 16L * 1024 * 1024;

  private final Gate gate;
  private final Router router;

  JettyAdapter(Gate gate, Router router) {
    this.gate = gate;
    this.router = router;
  }

  @Override
  public boolean handle(
      org.eclipse.jetty.server.Request jetty,
      org.eclipse.jetty.server.Response response,
      Callback callback) {
    Response answer;
    try {
      answer = answer(jetty);
    } catch (RuntimeException e) {
      answer = Errors.toResponse(e);
    } catch (IOException e) {
      // The client went away or stopped sending (the read timeout): nothing to answer to.
      callback.failed(e);
      return true;
    }
    write(jetty, response, answer, callback);
    return true;
  }

  private Response answer(org.eclipse.jetty.server.Request jetty) throws IOException {
    String method = jetty.getMethod().toUpperCase(Locale.ROOT);
    HttpURI uri = jetty.getHttpURI();
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpField f : jetty.getHeaders()) {
      headers.putIfAbsent(f.getLowerCaseName(), f.getValue());
    }
    Request bare = new Request(method, path, Map.of(), new byte[0], Map.of(), headers);
    Response refused = gate.check(bare);
    if (refused != null) {
      return refused;
    }
    Map<String, String> query = HttpApi.decodeQuery(uri.getQuery());
    long declared = jetty.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > HttpApi.MAX_BODY_BYTES) {
      throw HttpApi.tooLarge(declared);
    }
    byte[] body;
    try (InputStream in = org.eclipse.jetty.server.Request.asInputStream(jetty)) {
      body = in.readNBytes(HttpApi.MAX_BODY_BYTES + 1);
      if (body.length > HttpApi.MAX_BODY_BYTES) {
        // Read on (up to a bound) so that the client, still sending, gets to see the answer.
        throw HttpApi.tooLarge(Math.max(declared, body.length + drain(in)));
      }
    }
    return router.handle(new Request(method, path, query, body, Map.of(), headers));
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; total < DRAIN_BYTES && (n = in.read(buffer)) > 0; ) {
      total += n;
    }
    return total;
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
