package io.phaseflow.engine.inspect;

import io.phaseflow.engine.plan.Compiler;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.WorkflowPage;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowReads;
import io.phaseflow.engine.state.WorkflowRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read-only answers about workflows, for the CLI, the HTTP API and the dashboard alike, so all
 * three show the same facts. Reads the store only; thread-safe as the store is.
 *
 * <p>A task DAG runs its tasks in its {@value Compiler#RUN} entry and ends in a final phase without
 * jobs: its tasks are those of its current entry while it runs, and of the entry before once it
 * ended, so a finished DAG still shows them (and counts them as its progress).
 */
public final class Inspector {
  private final WorkflowReads store;

  public Inspector(WorkflowReads store) {
    this.store = store;
  }

  /** One workflow with its current entry and its whole history; empty if unknown or expired. */
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
              WorkflowView.Tasks tasks =
                  run == null ? null : new WorkflowView.Tasks(run, store.jobs(id, run.entry()));
              return new WorkflowView(wf, current, store.history(id), tasks);
            });
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
