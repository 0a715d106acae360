package io.phaseflow.engine.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.state.WorkflowReads;
import io.phaseflow.engine.state.WorkflowRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adding, removing and listing schedules: what the command line and the HTTP API do with them.
 * Thread-safe when its collaborators are.
 */
public final class Schedules {
  private final ScheduleStore store;
  private final WorkflowReads reads;
  private final Supplier<? extends Collection<String>> definitions;
  private final Clock clock;

  /**
   * @param definitions the names of the definitions that can be started (checked at add time)
   */
  public Schedules(
      ScheduleStore store,
      WorkflowReads reads,
      Supplier<? extends Collection<String>> definitions,
      Clock clock) {
    this.store = store;
    this.reads = reads;
    this.definitions = definitions;
    this.clock = clock;
  }

  /**
   * Adds a schedule; its first tick is the first after now.
   *
   * @param workflow the definition to start; null or empty for {@code name}
   * @param zone the cron's time zone; null or empty for UTC
   * @throws RejectedInput for a bad name, cron expression, zone or input, or an unknown definition
   * @throws StateConflict when a schedule of that name exists
   */
  public Schedule add(
      String name, String cron, String zone, String workflow, JsonNode input, boolean noOverlap) {
    Schedule.checkName(name);
    String definition = workflow == null || workflow.isBlank() ? name : workflow.strip();
    CronSchedule parsed = CronSchedule.parse(cron, zone);
    Collection<String> known = definitions.get();
    if (!known.contains(definition)) {
      throw new RejectedInput(
          "schedule '"
              + name
              + "' names definition '"
              + definition
              + "', which is not loaded; known: "
              + (known.isEmpty() ? "none" : String.join(", ", known))
              + " (load it with phaseflow load FILE, or name another with --workflow)");
    }
    Schedule schedule = new Schedule(name, definition, parsed, input, noOverlap, clock.millis());
    if (!store.add(schedule)) {
      throw new StateConflict(
          "schedule '"
              + name
              + "' exists; remove it first (phaseflow schedule remove "
              + name
              + ")");
    }
    return schedule;
  }

  /**
   * @throws NotFound when there is no schedule of that name
   */
  public void remove(String name) {
    if (!store.remove(name)) {
      throw new NotFound("no schedule '" + name + "'; known: " + known());
    }
  }

  /** Every schedule, by name, with its next run and its last workflow's status. */
  public List<ScheduleView> list() {
    long now = clock.millis();
    List<ScheduleView> views = new ArrayList<>();
    for (StoredSchedule s : store.list()) {
      long since = Math.max(now, s.schedule().createdAt());
      String last = s.state().lastWorkflow();
      views.add(
          new ScheduleView(
              s,
              s.schedule().cron().next(since),
              last == null ? Optional.empty() : reads.workflow(last).map(WorkflowRecord::status)));
    }
    return views;
  }

  private String known() {
    List<String> names = store.list().stream().map(s -> s.schedule().name()).toList();
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
