package io.phaseflow.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task DAG laid out task by task with the phase graph's layered layout. */
class TaskGraphJsonTest {
  private static Plan plan(String json) {
    return CompiledDefinition.of(json, "dag.json").plan();
  }

  private static final String DIAMOND =
      """
      {"workflow": "diamond", "tasks": [
        {"name": "fetch", "handler": "Step"},
        {"name": "left", "handler": "Left", "depends": ["fetch"]},
        {"name": "right", "handler": "Step", "depends": ["fetch"]},
        {"name": "join", "handler": "Step", "depends": ["left", "right"]}
      ]}
      """;

  @Test
  void eachTaskIsABoxInTheRankOfItsLongestPathAndEachDependencyAnEdge() {
    JsonNode g = TaskGraphJson.graph(plan(DIAMOND).tasks());

    List<String> boxes = new ArrayList<>();
    g.get("nodes").forEach(n -> boxes.add(n.get("id").asText() + "@" + n.get("rank").asInt()));
    assertThat(boxes).containsExactly("fetch@0", "left@1", "right@1", "join@2");
    assertThat(g.at("/nodes/1/handler").asText()).isEqualTo("Left");

    List<String> edges = new ArrayList<>();
    g.get("edges").forEach(e -> edges.add(e.get("from").asText() + ">" + e.get("to").asText()));
    assertThat(edges).containsExactly("fetch>left", "fetch>right", "left>join", "right>join");
    for (JsonNode e : g.get("edges")) {
      JsonNode from = box(g, e.get("from").asText());
      JsonNode to = box(g, e.get("to").asText());
      JsonNode points = e.get("points");
      assertThat(points.size()).isGreaterThanOrEqualTo(2);
      assertThat(points.get(0).get("y").asDouble())
          .as("an edge leaves its parent's bottom")
          .isEqualTo(from.get("y").asDouble() + from.get("height").asDouble());
      assertThat(points.get(points.size() - 1).get("y").asDouble())
          .as("and enters its task's top")
          .isEqualTo(to.get("y").asDouble());
    }
    assertThat(box(g, "left").get("x").asDouble())
        .as("siblings side by side")
        .isNotEqualTo(box(g, "right").get("x").asDouble());
  }

  @Test
  void aDefinitionCarriesItsTaskGraphOnlyWhenItIsATaskDag() {
    assertThat(DefinitionJson.definition(plan(DIAMOND), List.of(1)).has("taskGraph")).isTrue();
    String phases =
        """
        {"workflow": "p", "phases": [
          {"name": "a", "is_initial": true, "handlers": ["H"], "transitions_to": "b"},
          {"name": "b", "is_final": true}
        ]}
        """;
    assertThat(DefinitionJson.definition(plan(phases), List.of(1)).has("taskGraph")).isFalse();
  }

  private static JsonNode box(JsonNode g, String id) {
    for (JsonNode n : g.get("nodes")) {
      if (n.get("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no box " + id);
  }
}
