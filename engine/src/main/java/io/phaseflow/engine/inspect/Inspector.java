package io.phaseflow.engine.inspect;

import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.WorkflowPage;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowReads;
import io.phaseflow.engine.state.WorkflowRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read-only answers about workflows, for the CLI, the HTTP API and the dashboard alike, so all
 * three show the same facts. Reads the store only; thread-safe as the store is.
 */
public final class Inspector {
  /** The most jobs of its current entry a workflow is read with. */
  public static final int JOBS_READ = 200;

  private final WorkflowReads store;

  public Inspector(WorkflowReads store) {
    this.store = store;
  }

  /**
   * One workflow with its current entry, that entry's jobs (when it has at most {@link #JOBS_READ})
   * and its whole history; empty if unknown or expired.
   */
  public Optional<WorkflowView> workflow(String id) {
    return store
        .workflow(id)
        .map(
            wf -> {
              EntryRecord current = store.currentEntries(List.of(wf)).get(0).orElse(null);
              // A page polls this every second: a fan-out of thousands of jobs is not read each
              // time.
              List<JobRecord> jobs =
                  current == null || current.jobs().total() > JOBS_READ
                      ? List.of()
                      : store.jobs(id, current.entry());
              return new WorkflowView(wf, current, store.history(id), jobs);
            });
  }

  /** The jobs of one entry of a workflow, by index; empty when it has none or expired. */
  public List<JobRecord> jobs(String id, int entry) {
    return store.jobs(id, entry);
  }

  /**
   * The result of an ended workflow ({@link WorkflowResult}).
   *
   * @param view the workflow, as {@link #workflow} read it
   * @param plans the workflow's compiled definition, when known here: it says whether the result is
   *     keyed by task; without it the shape is {@linkplain WorkflowResult.Shape#guess guessed}
   * @throws io.phaseflow.engine.StateConflict while the workflow runs or is paused
   */
  public WorkflowResult result(WorkflowView view, Function<WorkflowRecord, Optional<Plan>> plans) {
    int entry = view.lastEntryWithJobs();
    List<JobRecord> jobs =
        entry == 0 || view.running()
            ? List.of()
            : view.current() != null && view.current().entry() == entry && !view.jobs().isEmpty()
                ? view.jobs()
                : store.jobs(view.workflow().id(), entry);
    WorkflowResult.Shape shape =
        plans
            .apply(view.workflow())
            .map(
                p ->
                    p.isTaskGraph()
                        ? WorkflowResult.Shape.BY_TASK
                        : WorkflowResult.Shape.BY_HANDLER)
            .orElseGet(() -> WorkflowResult.Shape.guess(jobs));
    return WorkflowResult.of(view, jobs, shape);
  }

  /** A page of workflows, newest first, each with its current entry's progress. */
  public Listing list(WorkflowQuery query) {
    WorkflowPage page = store.list(query);
    List<Optional<EntryRecord>> current = store.currentEntries(page.workflows());
    List<WorkflowSummary> shown = new ArrayList<>();
    for (int i = 0; i < page.workflows().size(); i++) {
      shown.add(new WorkflowSummary(page.workflows().get(i), current.get(i).orElse(null)));
    }
    return new Listing(shown, page.next());
  }

  /**
   * A workflow as listed.
   *
   * @param workflow the workflow
   * @param current its current (or, once finished, last) phase entry; null before the first
   */
  public record WorkflowSummary(WorkflowRecord workflow, EntryRecord current) {}

  /**
   * A page of a listing.
   *
   * @param workflows newest first
   * @param next the cursor of the next page, null on the last
   */
  public record Listing(List<WorkflowSummary> workflows, String next) {
    public Listing {
      workflows = List.copyOf(workflows);
    }
  }
}
