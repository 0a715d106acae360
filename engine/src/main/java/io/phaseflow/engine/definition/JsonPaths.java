package io.phaseflow.engine.definition;

import java.util.regex.Pattern;

/** Builds the JSONPath locations used in error messages, such as {@code $.phases['my phase']}. */
final class JsonPaths {
  static final String ROOT = "$";

  /** Names that read unambiguously after a dot; anything else is bracket-quoted. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

  private JsonPaths() {}

  static String child(String parent, String key) {
    if (PLAIN.matcher(key).matches()) {
      return parent + "." + key;
    }
    return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
