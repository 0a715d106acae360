package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForEachPointerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private static List<String> selected(String pointer, String root) throws Exception {
    return ForEachPointer.parse(pointer).select(json(root)).stream()
        .map(JsonNode::toString)
        .toList();
  }

  @Test
  void plainPointerSelectsTheArrayElements() throws Exception {
    assertThat(selected("/data/items", "{'data': {'items': [1, {'a': 2}]}}"))
        .containsExactly("1", "{\"a\":2}");
  }

  @Test
  void numericSegmentsIndexArrays() throws Exception {
    assertThat(selected("/data/0/xs", "{'data': [{'xs': [7, 8]}]}")).containsExactly("7", "8");
  }

  @Test
  void wildcardMapsOverAnArrayAndFlattens() throws Exception {
    String root =
        "{'inputs': {'LocalSearcher': [{'hits': ['a', 'b']}, {'hits': []}, {'hits': ['c']}]}}";
    assertThat(selected("/inputs/LocalSearcher/*/hits", root))
        .containsExactly("\"a\"", "\"b\"", "\"c\"");
  }

  @Test
  void trailingWildcardFlattensAnArrayOfArrays() throws Exception {
    assertThat(selected("/data/*", "{'data': [[1, 2], [3]]}")).containsExactly("1", "2", "3");
  }

  @Test
  void escapesAreDecodedPerRfc6901() throws Exception {
    ForEachPointer pointer = ForEachPointer.parse("/data/a~1b/x~0y/~01");
    assertThat(pointer.segments()).containsExactly("data", "a/b", "x~y", "~1");
    assertThat(selected("/data/a~1b/x~0y", "{'data': {'a/b': {'x~y': [true]}}}"))
        .containsExactly("true");
  }

  @Test
  void syntaxErrorsNameThePointer() {
    assertThatThrownBy(() -> ForEachPointer.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> ForEachPointer.parse("data/items"))
        .hasMessage("for_each pointer 'data/items' must start with '/', e.g. /data/items");
    assertThatThrownBy(() -> ForEachPointer.parse("/data/a~2"))
        .hasMessageContaining("'/data/a~2' has a '~' not followed by 0 or 1 in segment 'a~2'");
    assertThatThrownBy(() -> ForEachPointer.parse("/data/a~")).hasMessageContaining("segment 'a~'");
  }

  @Test
  void missingSegmentNamesPointerSegmentAndConcreteLocation() {
    ForEachPointer pointer = ForEachPointer.parse("/inputs/S/*/hits");
    assertThatThrownBy(
            () -> pointer.select(json("{'inputs': {'S': [{'hits': []}, {'url': 'u', 'x': 1}]}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "for_each pointer '/inputs/S/*/hits': segment 'hits' is missing at /inputs/S/1,"
                + " which is an object with keys 'url', 'x'");
  }

  @Test
  void targetThatIsNotAnArrayIsNamed() {
    assertThatThrownBy(
            () -> ForEachPointer.parse("/data/items").select(json("{'data': {'items': 'x'}}")))
        .hasMessage(
            "for_each pointer '/data/items': reaches the string \"x\" at /data/items, not an array");
    assertThatThrownBy(() -> ForEachPointer.parse("/data/*").select(json("{'data': {'a': 1}}")))
        .hasMessage(
            "for_each pointer '/data/*': segment '*' maps over an array, but /data is an object");
  }

  @Test
  void arraysNeedNumericSegments() {
    assertThatThrownBy(() -> ForEachPointer.parse("/data/first").select(json("{'data': [[1]]}")))
        .hasMessageContaining(
            "segment 'first' cannot index the array at /data; use a number or '*'");
    assertThatThrownBy(() -> ForEachPointer.parse("/data/5").select(json("{'data': [[1]]}")))
        .hasMessageContaining("segment '5' is missing at /data, which is an array of 1 element");
  }

  @Test
  void missingRootIsReportedAtTheDocumentRoot() {
    assertThatThrownBy(() -> ForEachPointer.parse("/inputs/S").select(json("{'data': {}}")))
        .hasMessageContaining("segment 'inputs' is missing at the document root");
  }
}
