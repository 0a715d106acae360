package io.phaseflow.engine.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.RejectedInput;
import java.io.IOException;

/** A request body read as one JSON document, with errors that say where it broke. Pure. */
final class JsonBody {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonBody() {}

  /**
   * @param example what the route expects, for the error on an empty body
   * @throws RejectedInput when the body is empty or not valid JSON
   */
  static JsonNode read(byte[] body, String example) {
    if (body.length == 0) {
      throw new RejectedInput("the request body is empty; send " + example);
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new RejectedInput(
          "the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RejectedInput("the request body cannot be read: " + e.getMessage());
    }
  }
}
