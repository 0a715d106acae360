package io.phaseflow.engine.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * The in-memory store's listing index: every live workflow by its {@link ListingKey}, newest last,
 * so a page is a walk down from a cursor. Thread-safe.
 */
final class InMemoryListing {
  /** Listing key to id. */
  private final ConcurrentSkipListMap<String, String> keys = new ConcurrentSkipListMap<>();

  void add(WorkflowRecord workflow) {
    keys.put(ListingKey.of(workflow), workflow.id());
  }

  void remove(WorkflowRecord workflow) {
    keys.remove(ListingKey.of(workflow));
  }

  /**
   * A page of {@code query}, newest first.
   *
   * @param workflow reads a workflow as it stands now (empty once expired)
   */
  WorkflowPage page(WorkflowQuery query, Function<String, Optional<WorkflowRecord>> workflow) {
    var newestFirst =
        query.after() == null
            ? keys.descendingMap()
            : keys.headMap(query.after(), false).descendingMap();
    List<WorkflowRecord> page = new ArrayList<>();
    for (String id : newestFirst.values()) {
      Optional<WorkflowRecord> wf = workflow.apply(id);
      if (wf.isPresent() && query.matches(wf.get())) {
        if (page.size() == query.limit()) {
          return new WorkflowPage(page, ListingKey.of(page.get(page.size() - 1)));
        }
        page.add(wf.get());
      }
    }
    return new WorkflowPage(page, null);
  }
}
