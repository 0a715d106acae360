package io.phaseflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks after a chaos run and their figures: every workflow in Redis checked on its own, every
 * workflow the starter was told started found in Redis, every dead-letter queue empty. Not
 * thread-safe.
 */
final class ChaosCheck {
  private final WorkflowChecker checker;
  private final List<Violation> violations = new ArrayList<>();
  private int stored;
  private int succeeded;
  private int failed;
  private int running;
  private long jobs;
  private long deadLetterMessages;

  ChaosCheck(WorkflowChecker checker) {
    this.checker = checker;
  }

  /**
   * Checks every stored workflow and each started one.
   *
   * @param requested how many workflows the run meant to start
   * @param started the ids whose start returned
   * @param stored the ids of the workflows in Redis
   * @param read reads one workflow from Redis
   */
  void workflows(
      int requested,
      List<String> started,
      Set<String> stored,
      Function<String, Optional<StoredWorkflow>> read) {
    if (started.size() < requested) {
      violations.add(
          new Violation(
              Violation.Kind.NOT_STARTED,
              "-",
              "only "
                  + started.size()
                  + " of "
                  + requested
                  + " starts returned before the timeout; are the servers up?"));
    }
    Set<String> ids = new LinkedHashSet<>(started);
    ids.addAll(stored);
    Set<String> startedIds = Set.copyOf(started);
    for (String id : ids) {
      Optional<StoredWorkflow> found = read.apply(id);
      if (found.isEmpty()) {
        if (startedIds.contains(id)) {
          violations.add(
              new Violation(
                  Violation.Kind.LOST, id, "its start returned, and Redis has no workflow hash"));
        }
        continue;
      }
      StoredWorkflow w = found.get();
      count(w);
      violations.addAll(checker.check(w));
    }
  }

  /** Every queue whose name contains {@code dead-letter} must be empty. */
  void deadLetters(Map<String, Long> queueDepths) {
    queueDepths.forEach(
        (queue, messages) -> {
          if (queue.contains("dead-letter") && messages > 0) {
            deadLetterMessages += messages;
            violations.add(
                new Violation(
                    Violation.Kind.DEAD_LETTERS,
                    "-",
                    "queue " + queue + " holds " + messages + " message(s)"));
          }
        });
  }

  private void count(StoredWorkflow w) {
    stored++;
    switch (w.workflow().getOrDefault("s", "?")) {
      case "S" -> succeeded++;
      case "F" -> failed++;
      default -> running++;
    }
    w.entries().values().forEach(e -> jobs += Long.parseLong(e.getOrDefault("n", "0")));
  }

  List<Violation> violations() {
    return violations;
  }

  int stored() {
    return stored;
  }

  int succeeded() {
    return succeeded;
  }

  int failed() {
    return failed;
  }

  int running() {
    return running;
  }

  long jobs() {
    return jobs;
  }

  long deadLetterMessages() {
    return deadLetterMessages;
  }
}
