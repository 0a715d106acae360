package io.phaseflow.engine.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.StateConflict;

/** Reading JSON that the store itself wrote; a failure means the stored data is corrupt. */
final class Json {
  private Json() {}

  static JsonNode read(ObjectMapper json, String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new StateConflict(
          "corrupt JSON in Redis ("
              + e.getOriginalMessage()
              + "): "
              + (text.length() > 80 ? text.substring(0, 80) + "…" : text),
          e);
    }
  }
}
