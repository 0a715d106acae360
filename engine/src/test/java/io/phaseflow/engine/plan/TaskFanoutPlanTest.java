package io.phaseflow.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.TaskDefinition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a task DAG's run entry is planned with for_each tasks, and element payloads: tables. */
class TaskFanoutPlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static TaskDefinition task(String name, String forEach, String payload, String... parents) {
    return new TaskDefinition(
        name,
        HandlerReference.named(name),
        List.of(parents),
        payload == null ? json("null") : json(payload),
        forEach);
  }

  /** Each job as "index name parents [gate: first+count or sources]". */
  static String describe(JobSpec j) {
    String gate = "";
    if (j.isGate()) {
      gate =
          j.fanout().expanded()
              ? " elements " + j.fanout().first() + "+" + j.fanout().count()
              : " expands from " + j.fanout().sources();
    }
    return j.index() + " " + j.name() + " " + j.parents() + gate;
  }

  static Stream<Arguments> plans() {
    return Stream.of(
        Arguments.of(
            "gush: a job per CSV row after the download, the report after all rows and the XML",
            List.of(
                task("download", null, null),
                task("row", "/data/rows", null, "download"),
                task("xml", null, null),
                task("report", null, null, "row", "xml")),
            "{\"rows\": [\"r0\", \"r1\"]}",
            List.of(
                "0 download []",
                "1 row [0] elements 4+2",
                "2 xml []",
                "3 report [1, 2]",
                "4 row[0] [0]",
                "5 row[1] [0]")),
        Arguments.of(
            "over an ancestor's output: expanded later, from that task",
            List.of(
                task("split", null, null),
                task("tag", null, null, "split"),
                task("count", "/outputs/split/sections", null, "tag")),
            "{}",
            List.of("0 split []", "1 tag [0]", "2 count [1] expands from [0]")),
        Arguments.of(
            "no elements: a gate with none",
            List.of(task("each", "/data/rows", null), task("after", null, null, "each")),
            "{\"rows\": []}",
            List.of("0 each [] elements 2+0", "1 after [0]")),
        Arguments.of(
            "two fan-outs over the data: elements in task order, flattened with *",
            List.of(task("a", "/data/xs/*/ys", null), task("b", "/data/zs", null)),
            "{\"xs\": [{\"ys\": [1]}, {\"ys\": [2, 3]}], \"zs\": [4]}",
            List.of(
                "0 a [] elements 2+3",
                "1 b [] elements 5+1",
                "2 a[0] []",
                "3 a[1] []",
                "4 a[2] []",
                "5 b[0] []")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void plansATaskPerJobAndTheElementsAfterThem(
      String what, List<TaskDefinition> tasks, String data, List<String> expected) {
    assertThat(EntryPlanner.taskJobs(tasks, json(data)))
        .extracting(TaskFanoutPlanTest::describe)
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "{\"rows\": 5}",
            "task 'row': for_each pointer '/data/rows': reaches the number 5 at /data/rows, not an"
                + " array"),
        Arguments.of("{}", "task 'row': for_each pointer '/data/rows': segment 'rows' is missing"),
        Arguments.of(
            "{\"rows\": " + rows(TaskFanout.MAX_JOBS_PER_ENTRY) + "}",
            "task 'row': for_each '/data/rows' selects 200,000 elements; with the 1 jobs the entry"
                + " already holds that is over the limit of 200,000 jobs per entry"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refusals")
  void aDataPointerThatCannotBeExpandedNamesTheTaskAndThePointer(String data, String message) {
    assertThatThrownBy(
            () -> EntryPlanner.taskJobs(List.of(task("row", "/data/rows", null)), json(data)))
        .isInstanceOf(RejectedInput.class)
        .hasMessageStartingWith(message);
  }

  static String rows(int n) {
    StringBuilder out = new StringBuilder("[0");
    for (int i = 1; i < n; i++) {
      out.append(',').append(i);
    }
    return out.append(']').toString();
  }

  static Stream<Arguments> payloads() {
    return Stream.of(
        Arguments.of("null", "\"row\"", "\"row\""),
        Arguments.of("null", "{\"id\": 1}", "{\"id\": 1}"),
        Arguments.of(
            "{\"lang\": \"en\", \"id\": 0}", "{\"id\": 1}", "{\"lang\": \"en\", \"id\": 1}"),
        Arguments.of("{\"lang\": \"en\"}", "3", "{\"lang\": \"en\", \"element\": 3}"),
        Arguments.of("\"x\"", "3", "{\"payload\": \"x\", \"element\": 3}"));
  }

  @ParameterizedTest(name = "task {0} + element {1} = {2}")
  @MethodSource("payloads")
  void anElementsPayloadIsTheElementMergedIntoTheTasksPayload(
      String task, String element, String expected) {
    assertThat(TaskFanout.payload(json(task), json(element))).isEqualTo(json(expected));
  }

  static Stream<Arguments> itemLists() {
    return Stream.of(
        Arguments.of("{\"split\": {\"sections\": [1, 2]}}", "{}", "[1, 2]"),
        Arguments.of(
            "{\"other\": {\"x\": 1}, \"split\": {\"sections\": [3]}}",
            "{\"sections\": [9]}",
            "[3]"),
        Arguments.of("{\"split\": {\"x\": 1}}", "{\"sections\": [9]}", "[9]"),
        Arguments.of(
            "{\"split\": {\"x\": 1}}",
            "{}",
            "task 'each': itemListKey 'sections' is in none of the outputs of 'split' nor the"
                + " workflow data; have a parent return {\"sections\": [...]}"),
        Arguments.of(
            "{\"split\": {\"sections\": \"abc\"}}",
            "{}",
            "task 'each': itemListKey 'sections' in the output of 'split' is string \"abc\", not a"
                + " list"));
  }

  @ParameterizedTest(name = "outputs {0}, data {1}: {2}")
  @MethodSource("itemLists")
  void anItemListKeyIsLookedUpInTheParentsOutputsThenInTheData(
      String outputs, String data, String expected) {
    JobSpec gate =
        new JobSpec(
            0,
            "each",
            "Count",
            1,
            3,
            json("null"),
            List.of(),
            io.phaseflow.engine.definition.JobPolicy.DEFAULT,
            Fanout.pending(TaskDefinition.ITEM_LIST_KEY + "sections", List.of()));
    java.util.Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
    json(outputs).fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
    TaskFanout.Expansion e = TaskFanout.expand(gate, byName, json(data), 1);
    if (expected.startsWith("task")) {
      assertThat(e.error()).isEqualTo(expected);
    } else {
      assertThat(e.elements())
          .extracting(JobSpec::payload)
          .containsExactlyElementsOf(json(expected));
    }
  }
}
