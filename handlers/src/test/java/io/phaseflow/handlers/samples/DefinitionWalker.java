package io.phaseflow.handlers.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobFailedException;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.PhaseContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a sample definition in one thread with the sample handlers, to check what the shipped files
 * do. Test-only and deliberately naive (no retries, no validation): the engine is the real runner.
 */
final class DefinitionWalker {
  private final HandlerRegistry registry = SampleHandlers.registry();

  /**
   * Where a run ended, the phases (or tasks) it went through, what the last phase's (or every
   * task's) jobs output, and the outputs of every phase by phase name.
   */
  record Outcome(String phase, List<String> path, ObjectNode outputs, ObjectNode byPhase) {}

  Outcome run(JsonNode definition) {
    return definition.has("tasks") ? runTasks(definition) : runPhases(definition);
  }

  private Outcome runPhases(JsonNode definition) {
    Map<String, JsonNode> phases = new LinkedHashMap<>();
    JsonNode declared = definition.get("phases");
    if (declared.isArray()) {
      declared.forEach(p -> phases.put(p.get("name").asText(), p));
    } else {
      declared.properties().forEach(e -> phases.put(e.getKey(), e.getValue()));
    }
    JsonNode data = definition.path("data");
    String current =
        phases.entrySet().stream()
            .filter(e -> e.getValue().path("is_initial").asBoolean())
            .findFirst()
            .orElseThrow()
            .getKey();
    List<String> path = new ArrayList<>();
    ObjectNode inputs = Json.object();
    ObjectNode byPhase = Json.object();
    while (true) {
      path.add(current);
      JsonNode phase = phases.get(current);
      ObjectNode outputs = byPhase.putObject(current);
      String next = phase.path("transitions_to").asText(null);
      for (JsonNode ref : phase.path("handlers")) {
        String name = ref.isTextual() ? ref.asText() : ref.get("name").asText();
        Handler handler = registry.find(name, ref.path("version").asInt(1)).orElseThrow();
        ArrayNode results = outputs.putArray(name);
        for (JsonNode payload : payloads(handler, ref, current, data, inputs)) {
          JobResult result = runJob(handler, current, payload, data, inputs);
          results.add(result.ok() ? result.output() : Json.object().put("error", result.error()));
          if (!result.ok()) {
            next = phase.path("on_error_transition_to").asText(null);
          }
        }
      }
      if (phase.path("is_final").asBoolean() || next == null) {
        return new Outcome(current, path, outputs, byPhase);
      }
      inputs = outputs;
      current = next;
    }
  }

  private Outcome runTasks(JsonNode definition) {
    Map<String, List<String>> parents = new LinkedHashMap<>();
    Map<String, JsonNode> tasks = new LinkedHashMap<>();
    for (JsonNode task : definition.get("tasks")) {
      String name = task.get("name").asText();
      tasks.put(name, task);
      parents.computeIfAbsent(name, n -> new ArrayList<>());
      task.path("parents").forEach(p -> addEdge(parents, p.asText(), name));
      task.path("depends").forEach(p -> addEdge(parents, p.asText(), name));
      task.path("children").forEach(c -> addEdge(parents, name, c.asText()));
    }
    ObjectNode outputs = Json.object();
    List<String> path = new ArrayList<>();
    while (path.size() < tasks.size()) {
      String ready =
          tasks.keySet().stream()
              .filter(t -> !outputs.has(t) && parents.get(t).stream().allMatch(outputs::has))
              .findFirst()
              .orElseThrow(() -> new AssertionError("cycle among " + tasks.keySet()));
      ObjectNode inputs = Json.object();
      parents.get(ready).forEach(p -> inputs.set(p, outputs.get(p)));
      JsonNode task = tasks.get(ready);
      Handler handler = registry.find(task.path("handler").asText(ready), 1).orElseThrow();
      JobResult result = runJob(handler, ready, task.path("payload"), Json.object(), inputs);
      if (!result.ok()) {
        return new Outcome(ready, path, outputs, outputs);
      }
      path.add(ready);
      outputs.set(ready, result.output());
    }
    return new Outcome(null, path, outputs, outputs);
  }

  private static void addEdge(Map<String, List<String>> parents, String parent, String child) {
    List<String> of = parents.computeIfAbsent(child, n -> new ArrayList<>());
    if (!of.contains(parent)) {
      of.add(parent);
    }
  }

  private static List<JsonNode> payloads(
      Handler handler, JsonNode ref, String phase, JsonNode data, JsonNode inputs) {
    if (!ref.has("for_each")) {
      return handler.jobs(new PhaseContext("walk", phase, data, inputs));
    }
    ObjectNode root = Json.object();
    root.set("data", data);
    root.set("inputs", inputs);
    List<JsonNode> nodes = List.of(root);
    for (String segment : ref.get("for_each").asText().substring(1).split("/")) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : nodes) {
        if (segment.equals("*")) {
          node.forEach(next::add);
        } else if (node.has(segment)) {
          next.add(node.get(segment));
        }
      }
      nodes = next;
    }
    List<JsonNode> elements = new ArrayList<>();
    nodes.forEach(n -> n.forEach(elements::add));
    return elements;
  }

  private static JobResult runJob(
      Handler handler, String phase, JsonNode payload, JsonNode data, JsonNode inputs) {
    Job job = new Job("walk", phase, 1, 0, 1, handler.name(), 1, payload, data, inputs);
    try {
      return handler.process(job);
    } catch (JobFailedException e) {
      return JobResult.failure(e.getMessage(), e.retryable());
    } catch (Exception e) {
      throw new AssertionError(handler.name() + " threw", e);
    }
  }
}
