package io.phaseflow.engine.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /** Reads and checks every stored workflow and each started one. */
  void workflows(StoredWorkflowReader reader, List<String> started) {
    Set<String> ids = new LinkedHashSet<>(started);
    ids.addAll(reader.ids());
    Set<String> startedIds = Set.copyOf(started);
    for (String id : ids) {
      Optional<StoredWorkflow> read = reader.read(id);
      if (read.isEmpty()) {
        if (startedIds.contains(id)) {
          violations.add(
              new Violation(
                  Violation.Kind.LOST, id, "its start returned, and Redis has no workflow hash"));
        }
        continue;
      }
      StoredWorkflow w = read.get();
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
