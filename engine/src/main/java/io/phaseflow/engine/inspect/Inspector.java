package io.phaseflow.engine.inspect;

import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowPage;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowRecord;
import java.util.List;
import java.util.Optional;

/**
 * Read-only answers about workflows, for the CLI, the HTTP API and the dashboard alike, so all
 * three show the same facts. Reads the store only; thread-safe as the store is.
 */
public final class Inspector {
  private final StateStore store;

  public Inspector(StateStore store) {
    this.store = store;
  }

  /** One workflow with its current entry and its whole history; empty if unknown or expired. */
  public Optional<WorkflowView> workflow(String id) {
    return store
        .workflow(id)
        .map(wf -> new WorkflowView(wf, current(wf).orElse(null), store.history(id)));
  }

  /** A page of workflows, newest first, each with its current entry's progress. */
  public Listing list(WorkflowQuery query) {
    WorkflowPage page = store.list(query);
    List<WorkflowSummary> shown =
        page.workflows().stream()
            .map(wf -> new WorkflowSummary(wf, current(wf).orElse(null)))
            .toList();
    return new Listing(shown, page.next());
  }

  private Optional<EntryRecord> current(WorkflowRecord wf) {
    return wf.entry() == 0 ? Optional.empty() : store.entry(wf.id(), wf.entry());
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
