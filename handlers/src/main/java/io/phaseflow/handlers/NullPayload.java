package io.phaseflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Holder for the JSON null used as "no payload"; keeps call sites free of Jackson node factories.
 */
final class NullPayload {
  static final JsonNode INSTANCE = NullNode.getInstance();

  private NullPayload() {}
}
