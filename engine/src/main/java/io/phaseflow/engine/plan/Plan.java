package io.phaseflow.engine.plan;

import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.definition.SemanticVersion;
import io.phaseflow.engine.definition.TaskDefinition;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.Queues;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A compiled definition: its phase graph (a task DAG becomes one {@value Compiler#RUN} phase whose
 * entry holds every task) and the transition table the run-time uses. Immutable and thread-safe;
 * one per definition name and version.
 *
 * @param definition the source definition
 * @param phases the phase graph, in definition order
 * @param tasks for a task DAG, its tasks (the nodes of the run phase's entry); empty otherwise
 * @param table where each phase goes next
 */
public record Plan(
    Definition definition,
    Map<String, PhaseDefinition> phases,
    List<TaskDefinition> tasks,
    TransitionTable table) {

  public String name() {
    return definition.name();
  }

  public int version() {
    return definition.version();
  }

  /**
   * The phase named {@code name}; see {@link TransitionTable#requirePhase} for the error when
   * unknown.
   */
  public PhaseDefinition phase(String name) {
    table.requirePhase(name);
    return phases.get(name);
  }

  /**
   * The handlers a workflow standing in {@code phase} sends jobs to, each name and version once:
   * the phase's, or every task's in a task DAG's run phase.
   */
  public List<HandlerReference> handlersOf(String phase) {
    Map<String, HandlerReference> byLabel = new TreeMap<>();
    List<HandlerReference> refs =
        isTaskGraph() && phase.equals(Compiler.RUN)
            ? tasks.stream().map(TaskDefinition::handler).toList()
            : phases.containsKey(phase) ? phases.get(phase).handlers() : List.of();
    refs.forEach(h -> byLabel.putIfAbsent(h.label(), h));
    return List.copyOf(byLabel.values());
  }

  /** Every handler this plan sends jobs to, each name and version once, by name. */
  public List<HandlerReference> handlers() {
    Map<String, HandlerReference> byLabel = new TreeMap<>();
    phases.keySet().forEach(p -> handlersOf(p).forEach(h -> byLabel.putIfAbsent(label(h), h)));
    tasks.forEach(t -> byLabel.putIfAbsent(label(t.handler()), t.handler()));
    return List.copyOf(byLabel.values());
  }

  private static String label(HandlerReference h) {
    return h.label();
  }

  /** Every handler this plan sends jobs to, as {@code Name v1}, sorted. */
  public Set<String> handlerNames() {
    Set<String> names = new TreeSet<>();
    phases.values().stream().flatMap(p -> p.handlers().stream()).forEach(h -> names.add(h.label()));
    tasks.forEach(t -> names.add(t.handler().label()));
    return names;
  }

  /**
   * The handlers this plan sends jobs to that {@code registry} has not, as {@code Name v1}: in a
   * process that runs every handler itself, jobs that would wait for ever.
   */
  public Set<String> handlersMissingFrom(HandlerRegistry registry) {
    Set<String> missing = new TreeSet<>();
    phases.values().stream()
        .flatMap(p -> p.handlers().stream())
        .filter(h -> !has(registry, h))
        .forEach(h -> missing.add(h.label()));
    tasks.stream()
        .map(TaskDefinition::handler)
        .filter(h -> !has(registry, h))
        .forEach(h -> missing.add(h.label()));
    return missing;
  }

  /** Whether {@code registry} has a version of the handler that its requirement accepts. */
  private static boolean has(HandlerRegistry registry, HandlerReference h) {
    if (h.requirement().plainMajor()) {
      return registry.find(h.name(), h.version()).isPresent();
    }
    return registry.all().stream()
        .anyMatch(
            r ->
                r.name().equals(h.name())
                    && h.requirement().admits(SemanticVersion.parse(r.semver())));
  }

  /** The queues of every handler this plan sends jobs to, one per priority. */
  public Set<String> handlerQueues() {
    Set<String> queues = new TreeSet<>();
    phases.values().stream()
        .flatMap(p -> p.handlers().stream())
        .forEach(h -> queues.addAll(Queues.handlerByPriority(h.name(), h.version())));
    tasks.forEach(
        t -> queues.addAll(Queues.handlerByPriority(t.handler().name(), t.handler().version())));
    return queues;
  }

  /** Whether this plan runs a task DAG (as opposed to a phase graph). */
  public boolean isTaskGraph() {
    return !tasks.isEmpty();
  }
}
