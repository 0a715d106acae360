package io.phaseflow.engine.definition;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Parses JSON text into a tree, reporting duplicate object keys as errors and going on.
 *
 * <p>Jackson's own duplicate detection throws at the first duplicate, which would hide every other
 * problem in the file; building the tree here lets us record each duplicate with its path and line.
 */
final class JsonTreeReader {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ErrorCollector errors;

  JsonTreeReader(ErrorCollector errors) {
    this.errors = errors;
  }

  /** The document's root, or null when the text is not JSON (then one error is recorded). */
  JsonNode read(String json) {
    return read(FACTORY, json);
  }

  /**
   * The document's root read as JSON or, when it is not JSON and does not look like it (it does not
   * start with '{' or '['), as YAML; null after recording one error. A file that is neither says so
   * and which formats are read.
   */
  JsonNode readJsonOrYaml(String text) {
    String start = text.stripLeading();
    if (start.isEmpty() || start.startsWith("{") || start.startsWith("[")) {
      return read(FACTORY, text);
    }
    ErrorCollector probe = new ErrorCollector("probe");
    JsonNode json = new JsonTreeReader(probe).read(FACTORY, text);
    if (probe.isEmpty()) {
      return json;
    }
    YAMLFactory yaml = new YAMLFactory();
    try (JsonParser parser = yaml.createParser(text)) {
      parser.nextToken(); // the first token tells a YAML document from text that is neither
      if (parser.currentToken() == null || parser.currentToken().isScalarValue()) {
        errors.add(
            JsonPaths.ROOT,
            "the definition is neither JSON nor YAML with keys: it is "
                + (parser.currentToken() == null
                    ? "empty"
                    : "a plain value, '" + parser.getText() + "'"),
            "definitions are read as JSON or YAML: write an object such as {\"workflow\":"
                + " \"name\", ...} or a YAML mapping such as 'workflows: [...]'");
        return null;
      }
    } catch (IOException e) {
      // reported by the full read below
    }
    return read(yaml, text);
  }

  private JsonNode read(JsonFactory factory, String json) {
    String format = factory instanceof YAMLFactory ? "YAML" : "JSON";
    try (JsonParser parser = factory.createParser(json)) {
      if (parser.nextToken() == null) {
        errors.add(
            JsonPaths.ROOT,
            "the definition is empty",
            "a definition is a JSON object such as {\"workflow\": \"name\", \"phases\": {...}}");
        return null;
      }
      JsonNode root = readValue(parser, JsonPaths.ROOT);
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        errors.add(
            JsonPaths.ROOT,
            "unexpected content after the end of the definition at " + lineAndColumn(at),
            "a file holds exactly one JSON object; remove what follows its closing '}'");
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      errors.add(
          JsonPaths.ROOT,
          "malformed "
              + format
              + " at "
              + lineAndColumn(e.getLocation())
              + ": "
              + e.getOriginalMessage(),
          format.equals("JSON")
              ? "look for a missing comma, quote, colon or bracket at or just before that position"
              : "definitions are read as JSON or YAML; this is neither: check the indentation and"
                  + " the ':' and '-' at or just before that position");
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reading " + format + " from a string cannot fail, but did", e);
    }
  }

  private JsonNode readValue(JsonParser parser, String path) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return readObject(parser, path);
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(parser, JsonPaths.index(path, array.size())));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return readNumber(parser);
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT:
        return NODES.textNode(parser.getText()); // a YAML scalar such as a binary or a date
      default:
        throw new IllegalStateException("unexpected token " + token + " at " + path);
    }
  }

  private ObjectNode readObject(JsonParser parser, String path) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonLocation at = parser.currentTokenLocation();
      String childPath = JsonPaths.child(path, key);
      parser.nextToken();
      JsonNode value = readValue(parser, childPath);
      if (object.has(key)) {
        errors.add(
            childPath,
            "duplicate key '" + key + "' in " + path + " (again at " + lineAndColumn(at) + ")",
            "keep only one '" + key + "'; most JSON readers would silently use the last one");
      } else {
        object.set(key, value);
      }
    }
    return object;
  }

  private static JsonNode readNumber(JsonParser parser) throws IOException {
    switch (parser.getNumberType()) {
      case INT:
        return NODES.numberNode(parser.getIntValue());
      case LONG:
        return NODES.numberNode(parser.getLongValue());
      case BIG_INTEGER:
        return NODES.numberNode(parser.getBigIntegerValue());
      case BIG_DECIMAL:
        return NODES.numberNode(parser.getDecimalValue());
      default:
        return NODES.numberNode(parser.getDoubleValue());
    }
  }

  private static String lineAndColumn(JsonLocation at) {
    return at == null
        ? "an unknown position"
        : "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }
}
