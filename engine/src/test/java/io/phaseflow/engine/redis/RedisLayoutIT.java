package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.protocol.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the Redis layout promises beyond the store contract: slots, encodings, expiry. */
class RedisLayoutIT {
  /** Unique per run, so suites sharing the test database never touch each other's keys. */
  private static final String PREFIX = RedisCleanup.uniquePrefix("pflayout");

  private static RedisConnector client;
  private static RedisClusterCommands<String, String> redis;
  private static RedisStateStore store;

  @BeforeAll
  static void connect() {
    client = new RedisConnector(TestServers.redisSettings());
    redis = client.connect().sync();
    store = RedisStateStore.connect(client, PREFIX, Duration.ofHours(2));
  }

  @AfterAll
  static void disconnect() {
    store.close();
    RedisCleanup.deletePrefix(client, PREFIX);
    client.close();
  }

  @Test
  void everyKeyOfAWorkflowAndItsShardsIndexHashToOneClusterSlot() {
    RedisLayout keys = new RedisLayout("pf", RedisLayout.DEFAULT_SHARDS);
    String id = "mwtlr2ds-d2e9jw";
    int shard = keys.shard(id);
    List<String> all =
        List.of(
            keys.workflow(id),
            keys.history(id),
            keys.entry(id, 1),
            keys.entry(id, 42),
            keys.index(id, WorkflowStatus.RUNNING, "def"),
            keys.index(id, WorkflowStatus.FAILED, "other-def"),
            keys.index(shard, RedisLayout.INDEX_BUCKETS - 1, WorkflowStatus.PAUSED, "def"),
            keys.indexedDefinitions(shard));

    assertThat(all).allSatisfy(k -> assertThat(k).startsWith("pf:{" + shard + "}"));
    assertThat(all.stream().map(SlotHash::getSlot).distinct()).hasSize(1);
    assertThat(SlotHash.getSlot(keys.indexedDefinitions((shard + 1) % keys.shards())))
        .isNotEqualTo(SlotHash.getSlot(all.get(0)));
  }

  @Test
  void smallWorkflowsAndEntriesStayInCompactEncodings() {
    String id = newWorkflowWithJobs(10);
    RedisLayout keys = store.layout();

    assertThat(redis.objectEncoding(keys.workflow(id))).isEqualTo("listpack");
    assertThat(redis.objectEncoding(keys.entry(id, 1))).isEqualTo("listpack");
    assertThat(redis.exists(keys.history(id)))
        .as("no history key until the first phase ends: the start is read from the workflow")
        .isZero();
    assertThat(store.history(id))
        .extracting(TransitionRecord::reason)
        .containsExactly(TransitionReason.STARTED);
  }

  @Test
  void finishingPutsTheRetentionOnEveryKeyOfTheWorkflow() {
    String id = newWorkflowWithJobs(3);
    for (int j = 0; j < 3; j++) {
      store.complete(id, 1, j, 1, JobResult.success(null), "job " + j, 2000);
    }
    store.advance(id, 1, transition("a", "b"), new NewEntry(2, "b", List.of(), null), false, null);
    store.advance(id, 2, transition("b", null), null, false, WorkflowStatus.SUCCEEDED);

    List<String> keys = store.keysOf(id);
    assertThat(keys).hasSize(4);
    for (String key : keys) {
      assertThat(redis.ttl(key)).as(key).isBetween(7000L, 7200L);
    }
  }

  @Test
  void historyLinesStoreTheReasonAsItsText() {
    String id = newWorkflowWithJobs(1);
    store.complete(id, 1, 0, 1, JobResult.success(null), "job 0", 2000);
    TransitionRecord failed =
        new TransitionRecord(
            "a", null, TransitionReason.FAILED, "boom", 1000, 2000, JobCounts.NONE, Map.of());
    store.advance(id, 1, failed, null, true, WorkflowStatus.FAILED);

    assertThat(redis.lrange(store.layout().history(id), 0, -1))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("\"r\":\"failed\"");
    assertThat(store.history(id))
        .extracting(TransitionRecord::reason)
        .containsExactly(TransitionReason.STARTED, TransitionReason.FAILED);
  }

  @Test
  void anEndedJobKeepsItsTimesInOneShortFieldAndReadsWithoutIt() {
    String id = newWorkflowWithJobs(2);
    String entry = store.layout().entry(id, 1);
    long opened = Long.parseLong(redis.hget(entry, RedisLayout.E_OPENED));
    store.complete(id, 1, 0, 1, JobResult.success(null), "job 0", opened + 36, opened + 1332);
    store.complete(id, 1, 1, 1, JobResult.success(null), "job 1", 0, opened + 35);

    assertThat(redis.hget(entry, RedisLayout.JOB_TIMES + 0))
        .as("base-36 ms after the entry opened: 36 and 1332")
        .isEqualTo("10,110");
    assertThat(redis.hget(entry, RedisLayout.JOB_TIMES + 1)).isEqualTo(",z");

    redis.hdel(entry, RedisLayout.JOB_TIMES + 0); // as a job ended before times were kept
    assertThat(store.job(id, 1, 0).orElseThrow())
        .extracting(j -> j.status().name(), j -> j.startedAt(), j -> j.endedAt())
        .containsExactly("SUCCEEDED", 0L, 0L);
    assertThat(store.jobs(id, 1).get(1))
        .extracting(j -> j.startedAt(), j -> j.endedAt())
        .containsExactly(0L, opened + 35);
  }

  @Test
  void aPriorityIsStoredOnlyWhenNotNormalAndAWorkflowWithoutOneReadsAsNormal() {
    String normal = newWorkflowWithJobs(1);
    String high = "l" + UUID.randomUUID().toString().substring(0, 8);
    store.start(
        WorkflowRecord.created(
            high, "bench", 1, JsonNodeFactory.instance.objectNode(), 1000, Priority.HIGH),
        new NewEntry(1, "a", List.of(), null));
    RedisLayout keys = store.layout();

    assertThat(redis.hexists(keys.workflow(normal), RedisLayout.WF_PRIORITY)).isFalse();
    assertThat(redis.hget(keys.workflow(high), RedisLayout.WF_PRIORITY)).isEqualTo("high");
    assertThat(store.workflow(high).orElseThrow().priority()).isEqualTo(Priority.HIGH);

    // a workflow stored before priorities existed has no such field
    redis.hdel(keys.workflow(high), RedisLayout.WF_PRIORITY);
    assertThat(store.workflow(high).orElseThrow().priority()).isEqualTo(Priority.NORMAL);
  }

  private static String newWorkflowWithJobs(int n) {
    String id = "l" + UUID.randomUUID().toString().substring(0, 8);
    List<JobSpec> jobs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      jobs.add(
          new JobSpec(
              i,
              "Noop",
              "Noop",
              1,
              3,
              JsonNodeFactory.instance.textNode("0123456789abcdef"),
              List.of()));
    }
    store.start(
        WorkflowRecord.created(id, "bench", 1, JsonNodeFactory.instance.objectNode(), 1000),
        new NewEntry(1, "a", jobs, null));
    return id;
  }

  private static TransitionRecord transition(String from, String to) {
    return new TransitionRecord(
        from, to, TransitionReason.SUCCEEDED, null, 1000, 1000, JobCounts.NONE, Map.of());
  }
}
