package io.phaseflow.cli;

import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.state.HandlerLimits;
import io.phaseflow.engine.state.JobRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which handler limits bind a workflow's current jobs, for {@code status}: a limit is per major
 * version, so a handler's limit applies when it is on the major its jobs were sent to. Pure.
 */
final class CurrentLimits {
  private CurrentLimits() {}

  /**
   * The limits on the current entry's handlers, by handler name; empty once the workflow ended (its
   * jobs take no more leases).
   *
   * @param planned the current phase's handlers as its definition names them: the major of a
   *     handler whose jobs were not read (an entry of more than {@link
   *     io.phaseflow.engine.inspect.Inspector#JOBS_READ} jobs), when it names a plain major
   * @param usage every limit with its usage now
   */
  static Map<String, HandlerLimits.Usage> of(
      WorkflowView view, List<HandlerReference> planned, List<HandlerLimits.Usage> usage) {
    if (!view.running() || view.current() == null || usage.isEmpty()) {
      return Map.of();
    }
    // The jobs say the major they were routed to (a version range resolves when the entry is
    // planned); the definition only when it names one major.
    Map<String, Integer> majors = new HashMap<>();
    for (JobRecord j : view.jobs()) {
      majors.putIfAbsent(j.spec().handler(), j.spec().version());
    }
    for (HandlerReference h : planned) {
      if (h.requirement().plainMajor()) {
        majors.putIfAbsent(h.name(), h.version());
      }
    }
    Map<String, HandlerLimits.Usage> limited = new TreeMap<>();
    for (String handler : view.current().byHandler().keySet()) {
      Integer major = majors.get(handler);
      if (major == null) {
        continue;
      }
      usage.stream()
          .filter(u -> u.limit().isFor(handler, major))
          .findFirst()
          .ifPresent(u -> limited.put(handler, u));
    }
    return limited;
  }
}
