package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lettuce.core.api.StatefulRedisConnection;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.ListingKey;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.StatusFilter;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The listing index heals what a crash between a workflow's script and its index write left. */
class RedisWorkflowIndexIT {
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfindex");
  private static RedisConnector client;

  @BeforeAll
  static void connect() {
    client = new RedisConnector(TestServers.redisSettings());
  }

  @AfterAll
  static void disconnect() {
    RedisCleanup.deletePrefix(client, PREFIX);
    RedisCleanup.deletePrefix(client, PREFIX + "t"); // the retention test's own namespace
    client.close();
  }

  private static WorkflowRecord started(StateStore store, String id, long at) {
    WorkflowRecord wf =
        WorkflowRecord.created(id, "idx", 1, JsonNodeFactory.instance.objectNode(), at);
    store.start(wf, new NewEntry(1, "a", List.of(), null));
    return wf;
  }

  private static List<String> ids(StateStore store, StatusFilter filter) {
    return store.list(new WorkflowQuery("idx", filter, 10, null)).workflows().stream()
        .map(WorkflowRecord::id)
        .toList();
  }

  @Test
  void staleKeysAreDroppedOrMovedWhenRead() {
    RedisKeys keys = new RedisKeys(PREFIX);
    try (StateStore store = RedisStateStore.connect(client, PREFIX, StateStore.DEFAULT_RETENTION);
        StatefulRedisConnection<String, String> raw = client.connect()) {
      long now = System.currentTimeMillis();
      WorkflowRecord done = started(store, "done", now);
      WorkflowRecord running = started(store, "running", now + 1);
      store.advance(
          "done",
          1,
          new TransitionRecord(
              "a", null, TransitionReason.SUCCEEDED, null, now, now + 5, JobCounts.NONE, Map.of()),
          null,
          false,
          WorkflowStatus.SUCCEEDED);
      String runningSet = keys.index(WorkflowStatus.RUNNING, "idx");
      // As if the engine died after the finish script and before its index write:
      raw.sync().zadd(runningSet, 0, ListingKey.of(done));
      raw.sync().zrem(keys.index(WorkflowStatus.SUCCEEDED, "idx"), ListingKey.of(done));
      // and a workflow whose keys expired long ago:
      raw.sync().zadd(runningSet, 0, ListingKey.of(now - 5, "expired"));

      assertThat(ids(store, StatusFilter.RUNNING)).containsExactly(running.id());

      assertThat(raw.sync().zrange(runningSet, 0, -1)).containsExactly(ListingKey.of(running));
      assertThat(ids(store, StatusFilter.SUCCEEDED)).containsExactly("done");
    }
  }

  @Test
  void aFinishTrimsKeysOlderThanTheRetentionFromItsSet() {
    RedisKeys keys = new RedisKeys(PREFIX + "t");
    try (StateStore store =
            RedisStateStore.connect(client, PREFIX + "t", java.time.Duration.ofSeconds(10));
        StatefulRedisConnection<String, String> raw = client.connect()) {
      long now = System.currentTimeMillis();
      String set = keys.index(WorkflowStatus.SUCCEEDED, "idx");
      raw.sync().zadd(set, 0, ListingKey.of(now - 60_000, "ancient"));
      started(store, "fresh", now);
      store.advance(
          "fresh",
          1,
          new TransitionRecord(
              "a", null, TransitionReason.SUCCEEDED, null, now, now + 5, JobCounts.NONE, Map.of()),
          null,
          false,
          WorkflowStatus.SUCCEEDED);

      assertThat(raw.sync().zrange(set, 0, -1)).containsExactly(ListingKey.of(now, "fresh"));
    }
  }
}
