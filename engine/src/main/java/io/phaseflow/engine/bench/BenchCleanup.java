package io.phaseflow.engine.bench;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.Queues;
import java.util.List;

/** Removes what a benchmark run created under its namespace. */
final class BenchCleanup {
  private BenchCleanup() {}

  static void deletePrefix(RedisConnector redis, String prefix) {
    try (StatefulRedisConnection<String, String> c = redis.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(1000));
        if (!page.getKeys().isEmpty()) {
          c.sync().unlink(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    }
  }

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
