package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A {@code for_each} pointer: an RFC 6901 JSON Pointer into {@code {"data": ..., "inputs": ...}},
 * extended with {@code *}, a segment that maps the rest of the pointer over each element of an
 * array and concatenates the results. {@code /inputs/Searcher/*}{@code /hits} thus yields every hit
 * of every Searcher job. Whatever the pointer finally reaches must be an array; its elements are
 * the selection (so a trailing {@code *} expects an array of arrays and flattens it).
 *
 * <p>Immutable and thread-safe.
 */
public final class ForEachPointer {
  /** The segment that maps over an array. */
  public static final String WILDCARD = "*";

  private final String text;
  private final List<String> segments;

  private ForEachPointer(String text, List<String> segments) {
    this.text = text;
    this.segments = List.copyOf(segments);
  }

  /**
   * Parses a pointer such as {@code /inputs/Searcher/*}{@code /hits}.
   *
   * @throws IllegalArgumentException if it is empty, does not start with '/', or has a '~' not
   *     followed by 0 or 1
   */
  public static ForEachPointer parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(
          "for_each pointer is empty; write a JSON pointer such as /data/items");
    }
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException(
          "for_each pointer '" + text + "' must start with '/', e.g. /" + text);
    }
    List<String> segments = new ArrayList<>();
    for (String raw : text.substring(1).split("/", -1)) {
      segments.add(unescape(text, raw));
    }
    return new ForEachPointer(text, segments);
  }

  private static String unescape(String text, String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        out.append(c);
      } else if (i + 1 < raw.length() && (raw.charAt(i + 1) == '0' || raw.charAt(i + 1) == '1')) {
        out.append(raw.charAt(++i) == '0' ? '~' : '/');
      } else {
        throw new IllegalArgumentException(
            "for_each pointer '"
                + text
                + "' has a '~' not followed by 0 or 1 in segment '"
                + raw
                + "'; write ~0 for a literal '~' and ~1 for a literal '/'");
      }
    }
    return out.toString();
  }

  /** The pointer as written. */
  public String text() {
    return text;
  }

  /** The unescaped segments, without the leading empty one. */
  public List<String> segments() {
    return segments;
  }

  /**
   * The elements of the array(s) the pointer reaches in {@code root}, flattening at each {@code *}.
   *
   * @throws IllegalArgumentException naming the pointer, the segment and where it was applied, when
   *     a segment is missing or the target is not an array
   */
  public List<JsonNode> select(JsonNode root) {
    List<JsonNode> out = new ArrayList<>();
    collect(root, 0, "", out);
    return out;
  }

  private void collect(JsonNode node, int index, String at, List<JsonNode> out) {
    if (index == segments.size()) {
      if (!node.isArray()) {
        throw fail(
            "reaches " + ObjectReader.describe(node) + " at " + where(at) + ", not an array");
      }
      node.forEach(out::add);
      return;
    }
    String segment = segments.get(index);
    if (segment.equals(WILDCARD)) {
      if (!node.isArray()) {
        throw fail(
            "segment '*' maps over an array, but "
                + where(at)
                + " is "
                + ObjectReader.describe(node));
      }
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), index + 1, at + "/" + i, out);
      }
      return;
    }
    collect(child(node, segment, at), index + 1, at + "/" + escape(segment), out);
  }

  private JsonNode child(JsonNode node, String segment, String at) {
    JsonNode child = null;
    if (node.isObject()) {
      child = node.get(segment);
    } else if (node.isArray() && segment.matches("0|[1-9][0-9]{0,8}")) {
      child = node.get(Integer.parseInt(segment));
    } else if (node.isArray()) {
      throw fail(
          "segment '"
              + segment
              + "' cannot index the array at "
              + where(at)
              + "; use a number or '*'");
    }
    if (child == null) {
      throw fail(
          "segment '" + segment + "' is missing at " + where(at) + ", which is " + contents(node));
    }
    return child;
  }

  private IllegalArgumentException fail(String problem) {
    return new IllegalArgumentException("for_each pointer '" + text + "': " + problem);
  }

  private static String where(String at) {
    return at.isEmpty() ? "the document root" : at;
  }

  private static String contents(JsonNode node) {
    if (node.isArray()) {
      return "an array of " + node.size() + (node.size() == 1 ? " element" : " elements");
    }
    if (!node.isObject()) {
      return ObjectReader.describe(node);
    }
    List<String> keys = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext() && keys.size() < 8; ) {
      keys.add(names.next());
    }
    return keys.isEmpty()
        ? "an empty object"
        : "an object with keys " + Suggestions.quotedList(keys) + (node.size() > 8 ? ", ..." : "");
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ForEachPointer pointer && pointer.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
