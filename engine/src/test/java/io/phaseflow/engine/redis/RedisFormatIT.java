package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.ListingKey;
import io.phaseflow.engine.state.StatusFilter;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.state.WorkflowSteps;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.handlers.JobResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout's format: written once per namespace, formats 1 (before the format key) and 2 (one
 * index set per shard, status and definition) migrated on first open, a newer format refused.
 * Format 1 keys are written by the format 1 scripts themselves (kept as test resources) and the
 * index as format 1 wrote it next to them. Format 2 differs from format 3 only in the index's keys:
 * its namespace is written by this code, then its index put back as format 2 kept it.
 */
class RedisFormatIT {
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfformat");
  private static final long CREATED = 1_700_000_000_000L;
  private static RedisConnector client;
  private static RedisConnection connection;
  private static RedisClusterCommands<String, String> redis;

  private final ObjectMapper json = new ObjectMapper();
  private final WorkflowCodec workflows = new WorkflowCodec(json);

  @BeforeAll
  static void connect() {
    client = new RedisConnector(TestServers.redisSettings());
    connection = client.connect();
    redis = connection.sync();
  }

  @AfterAll
  static void disconnect() {
    for (String p : List.of("1", "2", "3", "n")) {
      RedisCleanup.deletePrefix(client, PREFIX + p);
    }
    connection.close();
    client.close();
  }

  @Test
  void aNewNamespaceRecordsItsFormatAndShardsOnce() {
    String prefix = PREFIX + "n";
    try (RedisStateStore store = RedisStateStore.connect(client, prefix, Duration.ofHours(1))) {
      assertThat(redis.hgetall(prefix + ":format"))
          .isEqualTo(Map.of("version", "3", "shards", "64"));
      assertThat(store.layout().shards()).isEqualTo(64);
    }
  }

  @Test
  void aNamespaceOfANewerFormatIsRefused() {
    String prefix = PREFIX + "3";
    redis.hset(prefix + ":format", Map.of("version", "4", "shards", "64"));

    assertThatThrownBy(() -> RedisStateStore.connect(client, prefix, Duration.ofHours(1)))
        .hasMessage(
            "namespace "
                + prefix
                + " was written by format 4; this Phaseflow reads up to 3;"
                + " upgrade it");
  }

  @Test
  void format1WorkflowsAreMigratedOnceAndGoOnInTheCurrentFormat() {
    String prefix = PREFIX + "1";
    writeFormat1(prefix, "running-1", false);
    writeFormat1(prefix, "done-1", true);

    try (RedisStateStore store = RedisStateStore.connect(client, prefix, Duration.ofHours(1))) {
      assertThat(redis.hget(prefix + ":format", "version")).isEqualTo("3");
      assertThat(redis.keys(prefix + ":{running-1}*")).isEmpty();
      assertThat(redis.keys(prefix + ":{done-1}*")).isEmpty();
      assertThat(redis.keys(prefix + ":ix:*")).as("format 1's index is gone").isEmpty();

      assertThat(store.workflow("running-1").orElseThrow().status())
          .isEqualTo(WorkflowStatus.RUNNING);
      assertThat(store.workflow("done-1").orElseThrow().status())
          .isEqualTo(WorkflowStatus.SUCCEEDED);
      assertThat(store.history("done-1"))
          .extracting(TransitionRecord::reason)
          .containsExactly(TransitionReason.STARTED, TransitionReason.SUCCEEDED);
      assertThat(store.jobs("running-1", 1)).hasSize(1);
      assertThat(redis.ttl(store.layout().workflow("done-1")))
          .as("kept its retention")
          .isPositive();
      assertThat(redis.ttl(store.layout().workflow("running-1"))).isEqualTo(-1L);
      assertThat(ids(store, StatusFilter.RUNNING)).containsExactly("running-1");
      assertThat(ids(store, StatusFilter.SUCCEEDED)).containsExactly("done-1");

      assertThat(store.complete("running-1", 1, 0, 1, JobResult.success(null), "job 0", CREATED))
          .satisfies(c -> assertThat(c.entryClosed()).isTrue());
      assertThat(store.advance("running-1", 1, finished(), null, false, WorkflowStatus.SUCCEEDED))
          .isEqualTo(WorkflowSteps.Advanced.ADVANCED);
      assertThat(ids(store, StatusFilter.RUNNING)).isEmpty();
      assertThat(ids(store, StatusFilter.SUCCEEDED)).containsExactly("running-1", "done-1");
    }
    try (RedisStateStore again = RedisStateStore.connect(client, prefix, Duration.ofHours(1))) {
      assertThat(ids(again, StatusFilter.ANY)).as("a second open changes nothing").hasSize(2);
    }
  }

  @Test
  void aFormat2IndexIsSpreadOverBucketsOnceAndListsAsBefore() {
    String prefix = PREFIX + "2";
    List<String> running = new ArrayList<>();
    List<String> succeeded = new ArrayList<>();
    try (RedisStateStore store = RedisStateStore.connect(client, prefix, Duration.ofHours(1))) {
      for (int i = 0; i < 40; i++) {
        String id = "w" + i;
        WorkflowRecord wf =
            WorkflowRecord.created(id, "wf", 1, JsonNodeFactory.instance.objectNode(), CREATED + i);
        store.start(wf, new io.phaseflow.engine.state.NewEntry(1, "a", List.of(), null));
        if (i % 4 == 0) {
          store.advance(id, 1, finished(), null, false, WorkflowStatus.SUCCEEDED);
          succeeded.add(0, id);
        } else {
          running.add(0, id);
        }
      }
    }
    unbucket(prefix);
    assertThat(redis.keys(prefix + ":{*}:ix:running:wf")).as("format 2's index").isNotEmpty();

    try (RedisStateStore store = RedisStateStore.connect(client, prefix, Duration.ofHours(1))) {
      assertThat(redis.hget(prefix + ":format", "version")).isEqualTo("3");
      assertThat(redis.keys(prefix + ":{*}:ix:running:*")).as("format 2's sets are gone").isEmpty();
      assertThat(redis.keys(prefix + ":{*}:ix:succeeded:*")).isEmpty();
      assertThat(pages(store, StatusFilter.RUNNING)).containsExactlyElementsOf(running);
      assertThat(pages(store, StatusFilter.SUCCEEDED)).containsExactlyElementsOf(succeeded);

      assertThat(store.advance("w1", 1, finished(), null, false, WorkflowStatus.SUCCEEDED))
          .isEqualTo(WorkflowSteps.Advanced.ADVANCED);
      assertThat(pages(store, StatusFilter.RUNNING)).doesNotContain("w1").hasSize(29);
      assertThat(pages(store, StatusFilter.SUCCEEDED)).contains("w1").hasSize(11);
    }
  }

  /** Every page of a listing, 7 at a time. */
  private static List<String> pages(RedisStateStore store, StatusFilter filter) {
    List<String> seen = new ArrayList<>();
    WorkflowQuery query = new WorkflowQuery("wf", filter, 7, null);
    while (true) {
      var page = store.list(query);
      page.workflows().forEach(w -> seen.add(w.id()));
      if (page.next() == null) {
        return seen;
      }
      query = query.withAfter(page.next());
    }
  }

  /** Puts a namespace's index back as format 2 kept it: one set per shard, status, definition. */
  private static void unbucket(String prefix) {
    java.util.regex.Pattern bucketed =
        java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(prefix) + ":\\{(\\d+)\\}:ix:\\d+:([a-z]+):(.+)");
    for (String key : redis.keys(prefix + ":{*}:ix:*")) {
      java.util.regex.Matcher m = bucketed.matcher(key);
      if (m.matches()) {
        String old = prefix + ":{" + m.group(1) + "}:ix:" + m.group(2) + ":" + m.group(3);
        for (String member : redis.zrange(key, 0, -1)) {
          redis.zadd(old, 0, member);
        }
        redis.del(key);
      }
    }
    redis.hset(prefix + ":format", "version", "2");
  }

  private static List<String> ids(RedisStateStore store, StatusFilter filter) {
    return store.list(new WorkflowQuery("wf", filter, 10, null)).workflows().stream()
        .map(WorkflowRecord::id)
        .toList();
  }

  private static TransitionRecord finished() {
    return new TransitionRecord(
        "a",
        null,
        TransitionReason.SUCCEEDED,
        null,
        CREATED,
        CREATED + 5,
        JobCounts.NONE,
        Map.of());
  }

  /** A workflow as format 1 stored it: its scripts on PREFIX:{ID} keys, then its index writes. */
  private void writeFormat1(String prefix, String id, boolean finish) {
    String base = prefix + ":{" + id + "}";
    WorkflowRecord wf =
        WorkflowRecord.created(id, "wf", 1, JsonNodeFactory.instance.objectNode(), CREATED)
            .moved("a", 1, WorkflowStatus.RUNNING, false, CREATED);
    List<String> fields = workflows.encode(wf);
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(fields.size() / 2));
    args.addAll(fields);
    // The entry as format 1 wrote it: one job, no pages.
    args.addAll(
        List.of(
            "p",
            "a",
            "a",
            Long.toString(CREATED),
            "n",
            "1",
            "o",
            "1",
            "h",
            "[[\"H\",1,3]]",
            "j0",
            "[0,[],\"\",null]",
            "s0",
            "R1"));
    redis.eval(
        RedisScripts.Script.read("format1/start.lua"),
        ScriptOutputType.INTEGER,
        new String[] {base, base + ":e:1"},
        args.toArray(String[]::new));
    String member = ListingKey.of(CREATED, id);
    redis.sadd(prefix + ":ix:defs", "wf");
    if (!finish) {
      redis.zadd(prefix + ":ix:running:wf", 0, member);
      return;
    }
    redis.eval(
        RedisScripts.Script.read("format1/advance.lua"),
        ScriptOutputType.MULTI,
        new String[] {base, base + ":h", base},
        "1",
        workflows.encode(finished()),
        "finish",
        "0",
        Long.toString(CREATED + 5),
        "S",
        "3600",
        base);
    redis.zadd(prefix + ":ix:succeeded:wf", 0, member);
  }
}
