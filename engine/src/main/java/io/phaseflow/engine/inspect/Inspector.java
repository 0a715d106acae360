package io.phaseflow.engine.inspect;

import io.phaseflow.engine.plan.Compiler;
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
 *
 * <p>A task DAG runs its tasks in its {@value Compiler#RUN} entry and ends in a final phase without
 * jobs: its tasks are those of its current entry while it runs, and of the entry before once it
 * ended, so a finished DAG still shows them (and counts them as its progress).
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
              EntryRecord run =
                  isRun(current)
                      ? current
                      : endedAfterRun(wf, current)
                          ? store.entry(id, wf.entry() - 1).filter(Inspector::isRun).orElse(null)
                          : null;
              // A page polls this every second: a fan-out of thousands of jobs is not read each
              // time.
              List<JobRecord> jobs =
                  current == null || current.jobs().total() > JOBS_READ
                      ? List.of()
                      : store.jobs(id, current.entry());
              WorkflowView.Tasks tasks =
                  run == null
                      ? null
                      : new WorkflowView.Tasks(
                          run,
                          run == current && !jobs.isEmpty() ? jobs : store.jobs(id, run.entry()));
              return new WorkflowView(wf, current, store.history(id), jobs, tasks);
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

  /**
   * A page of workflows, newest first, each with its current entry's progress (a finished task
   * DAG's: its run entry's, read for the whole page in one more round trip).
   */
  public Listing list(WorkflowQuery query) {
    WorkflowPage page = store.list(query);
    List<WorkflowRecord> wfs = page.workflows();
    List<Optional<EntryRecord>> current = store.currentEntries(wfs);
    List<EntryRecord> progress = new ArrayList<>();
    List<Integer> ended = new ArrayList<>();
    for (int i = 0; i < wfs.size(); i++) {
      progress.add(current.get(i).orElse(null));
      if (endedAfterRun(wfs.get(i), progress.get(i))) {
        ended.add(i);
      }
    }
    if (!ended.isEmpty()) {
      List<WorkflowRecord> which = ended.stream().map(wfs::get).toList();
      List<Optional<EntryRecord>> before = store.entries(which, wf -> wf.entry() - 1);
      for (int k = 0; k < ended.size(); k++) {
        EntryRecord run = before.get(k).filter(Inspector::isRun).orElse(null);
        if (run != null) {
          progress.set(ended.get(k), run);
        }
      }
    }
    List<WorkflowSummary> shown = new ArrayList<>();
    for (int i = 0; i < wfs.size(); i++) {
      shown.add(new WorkflowSummary(wfs.get(i), progress.get(i)));
    }
    return new Listing(shown, page.next());
  }

  private static boolean isRun(EntryRecord e) {
    return e != null && e.phase().equals(Compiler.RUN) && e.jobs().total() > 0;
  }

  private static boolean jobless(EntryRecord e) {
    return e.jobs().total() == 0;
  }

  /** Whether {@code wf} ended in a phase without jobs, entered from another: maybe a DAG's run. */
  private static boolean endedAfterRun(WorkflowRecord wf, EntryRecord current) {
    return wf.status().ended() && current != null && jobless(current) && wf.entry() > 1;
  }

  /**
   * A workflow as listed.
   *
   * @param workflow the workflow
   * @param current the entry whose progress it shows: its current (or, once finished, last) phase
   *     entry, or a finished task DAG's run entry; null before the first
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
