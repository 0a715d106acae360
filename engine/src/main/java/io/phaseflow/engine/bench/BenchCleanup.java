package io.phaseflow.engine.bench;

import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.Queues;
import java.util.List;

/** Removes the queues a benchmark run created under its namespace. */
final class BenchCleanup {
  private BenchCleanup() {}

  static void deleteQueues(RabbitBus bus, String namespace) {
    for (String q :
        List.of(
            Queues.WORKFLOW_START,
            Queues.JOB_FINISHED,
            Queues.PHASE_FINISHED,
            Queues.handler("Noop", 1),
            "bench.raw")) {
      bus.deleteQueue(namespace + "." + q);
    }
  }
}
