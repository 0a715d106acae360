package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Placeholder until the definitions branch lands. */
public final class ForEachPointer {
  private final String text;

  private ForEachPointer(String text) {
    this.text = text;
  }

  public static ForEachPointer parse(String text) {
    return new ForEachPointer(text);
  }

  public List<JsonNode> select(JsonNode root) {
    JsonNode n = root.at(text);
    if (!n.isArray()) {
      throw new IllegalArgumentException(text + " is not an array");
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    n.forEach(out::add);
    return out;
  }
}
