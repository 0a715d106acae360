package io.phaseflow.engine.http;

import io.phaseflow.engine.RejectedInput;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Query strings and path segments decoded, with a refusal naming what is not valid. Pure. */
final class UrlDecoding {
  private UrlDecoding() {}

  static Map<String, String> decodeQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(decodeForm(name), decodeForm(value));
    }
    return query;
  }

  static String decodeForm(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new RejectedInput("'" + s + "' is not valid URL encoding: " + e.getMessage());
    }
  }
}
