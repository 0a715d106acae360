package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

/** The listing index, written inside each step's script: right after every step, never repaired. */
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

  private static TransitionRecord finished(long now) {
    return new TransitionRecord(
        "a", null, TransitionReason.SUCCEEDED, null, now, now + 5, JobCounts.NONE, Map.of());
  }

  /**
   * The index is written by the step's own script: read raw straight after each script, with no
   * listing in between (nothing could repair it), it is right, and a repeated step leaves it so. A
   * process killed between two steps leaves what the first script wrote, which is this.
   */
  @Test
  void theIndexIsRightStraightAfterEachStepAndARepeatChangesNothing() {
    try (RedisStateStore store =
            RedisStateStore.connect(client, PREFIX, StateStore.DEFAULT_RETENTION);
        RedisConnection raw = client.connect()) {
      RedisLayout keys = store.layout();
      int shard = keys.shard("steps");
      String running = keys.index("steps", WorkflowStatus.RUNNING, "idx");
      String succeeded = keys.index("steps", WorkflowStatus.SUCCEEDED, "idx");
      long now = System.currentTimeMillis();
      String key = ListingKey.of(now, "steps");

      for (int i = 0; i < 2; i++) { // the second start is a repeat
        started(store, "steps", now);
        assertThat(raw.sync().zrange(running, 0, -1)).contains(key);
        assertThat(raw.sync().zscore(succeeded, key)).isNull();
        assertThat(raw.sync().smembers(keys.indexedDefinitions(shard))).contains("idx");
      }
      for (int i = 0; i < 2; i++) { // the second finish is a repeat
        store.advance("steps", 1, finished(now), null, false, WorkflowStatus.SUCCEEDED);
        assertThat(raw.sync().zscore(running, key)).isNull();
        assertThat(raw.sync().zrange(succeeded, 0, -1)).contains(key);
      }
      assertThat(ids(store, StatusFilter.RUNNING)).doesNotContain("steps");
      assertThat(ids(store, StatusFilter.SUCCEEDED)).contains("steps");
    }
  }

  @Test
  void aKeyWhoseWorkflowExpiredIsSkippedAndReadingWritesNothing() {
    try (RedisStateStore store =
            RedisStateStore.connect(client, PREFIX, StateStore.DEFAULT_RETENTION);
        RedisConnection raw = client.connect()) {
      long now = System.currentTimeMillis();
      RedisLayout keys = store.layout();
      String set = keys.index("expired", WorkflowStatus.SUCCEEDED, "idx");
      raw.sync().zadd(set, 0, ListingKey.of(now + 10, "expired")); // as if its keys expired
      WorkflowRecord done = started(store, "done", now);
      store.advance("done", 1, finished(now), null, false, WorkflowStatus.SUCCEEDED);

      assertThat(ids(store, StatusFilter.SUCCEEDED)).contains("done").doesNotContain("expired");
      assertThat(raw.sync().zrange(set, 0, -1))
          .as("a read repairs nothing: the next finish's retention trim removes it")
          .contains(ListingKey.of(now + 10, "expired"));
      assertThat(ListingKey.of(done)).isEqualTo(ListingKey.of(now, "done"));
    }
  }

  @Test
  void pagesMergeEveryShardNewestFirst() {
    String prefix = PREFIX + "p";
    try (RedisStateStore store =
        RedisStateStore.connect(client, prefix, StateStore.DEFAULT_RETENTION)) {
      long now = System.currentTimeMillis();
      List<String> newestFirst = new java.util.ArrayList<>();
      java.util.Set<Integer> shards = new java.util.HashSet<>();
      for (int i = 0; i < 40; i++) {
        started(store, "w" + i, now + i);
        newestFirst.add(0, "w" + i);
        shards.add(store.layout().shard("w" + i));
      }
      assertThat(shards).as("the workflows spread over shards").hasSizeGreaterThan(10);
      List<String> seen = new java.util.ArrayList<>();
      WorkflowQuery query = new WorkflowQuery("idx", StatusFilter.ANY, 7, null);
      while (true) {
        var page = store.list(query);
        page.workflows().forEach(w -> seen.add(w.id()));
        if (page.next() == null) {
          break;
        }
        query = query.withAfter(page.next());
      }
      assertThat(seen).containsExactlyElementsOf(newestFirst);
    } finally {
      RedisCleanup.deletePrefix(client, prefix);
    }
  }

  /**
   * The index stays in Redis's compact listpack encoding (at most 128 members a set) where one set
   * per shard would have grown into a skiplist: 300 workflows in a namespace of one shard fill 16
   * buckets of about 19, and the listing still pages them all, newest first.
   */
  @Test
  void theIndexSpreadsAShardsWorkflowsOverBucketsThatStayListpacks() {
    String prefix = PREFIX + "b";
    try (RedisConnection raw = client.connect()) {
      raw.sync()
          .hset(
              RedisLayout.format(prefix),
              Map.of(
                  RedisLayout.FORMAT_VERSION,
                  Integer.toString(RedisLayout.FORMAT),
                  RedisLayout.FORMAT_SHARDS,
                  "1"));
      try (RedisStateStore store =
          RedisStateStore.connect(client, prefix, StateStore.DEFAULT_RETENTION)) {
        long now = System.currentTimeMillis();
        List<String> newestFirst = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
          started(store, "w" + i, now + i);
          newestFirst.add(0, "w" + i);
        }
        List<String> sets = raw.sync().keys(prefix + ":{0}:ix:*:running:idx");
        assertThat(sets).hasSize(RedisLayout.INDEX_BUCKETS);
        for (String set : sets) {
          assertThat(raw.sync().objectEncoding(set)).as(set).isEqualTo("listpack");
        }
        List<String> seen = new java.util.ArrayList<>();
        WorkflowQuery query = new WorkflowQuery("idx", StatusFilter.RUNNING, 50, null);
        while (query != null) {
          var page = store.list(query);
          page.workflows().forEach(w -> seen.add(w.id()));
          query = page.next() == null ? null : query.withAfter(page.next());
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst);
      }
    } finally {
      RedisCleanup.deletePrefix(client, prefix);
    }
  }

  @Test
  void aFinishTrimsKeysOlderThanTheRetentionFromItsSet() {
    try (RedisStateStore store =
            RedisStateStore.connect(client, PREFIX + "t", java.time.Duration.ofSeconds(10));
        RedisConnection raw = client.connect()) {
      RedisLayout keys = store.layout();
      long now = System.currentTimeMillis();
      String set = keys.index("fresh", WorkflowStatus.SUCCEEDED, "idx");
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
