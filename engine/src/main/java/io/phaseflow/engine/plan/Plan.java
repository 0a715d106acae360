package io.phaseflow.engine.plan;

import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.definition.TaskDefinition;
import io.phaseflow.handlers.protocol.Queues;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** The queue of every handler this plan sends jobs to. */
  public Set<String> handlerQueues() {
    Set<String> queues = new TreeSet<>();
    phases.values().stream()
        .flatMap(p -> p.handlers().stream())
        .forEach(h -> queues.add(Queues.handler(h.name(), h.version())));
    tasks.forEach(t -> queues.add(Queues.handler(t.handler().name(), t.handler().version())));
    return queues;
  }

  /** Whether this plan runs a task DAG (as opposed to a phase graph). */
  public boolean isTaskGraph() {
    return !tasks.isEmpty();
  }
}
