package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.StateStoreFixture;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.state.WorkflowSteps;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How Redis holds a wide entry (the steps themselves are in the store contract): pages that stay
 * listpacks, staged pages of a lost move deleted, pages that expire with their workflow, and one
 * deadline member per run of jobs dispatched together.
 */
class RedisWideEntryIT {
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfwide");
  private static RedisConnector client;
  private static RedisConnection admin;
  private RedisStateStore store;
  private final String id = "w" + System.nanoTime();

  @BeforeAll
  static void connect() {
    client = new RedisConnector(TestServers.redisSettings());
    admin = client.connect();
  }

  @AfterAll
  static void disconnect() {
    RedisCleanup.deletePrefix(client, PREFIX);
    admin.close();
    client.close();
  }

  @BeforeEach
  void open() {
    store = RedisStateStore.connect(client, PREFIX, Duration.ofHours(1));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<String> keys() {
    List<String> found = new ArrayList<>();
    ScanIterator.scan(
            admin.sync(), ScanArgs.Builder.matches(store.workflowKey(id) + "*").limit(500))
        .forEachRemaining(found::add);
    return found;
  }

  private static TransitionRecord line(String from, String to) {
    return new TransitionRecord(
        from, to, TransitionReason.SUCCEEDED, null, 2000, 2000, JobCounts.NONE, Map.of());
  }

  @Test
  void aWideEntrysPagesAreListpacksAndTheLosersStagedPagesAreGone() {
    WorkflowRecord wf = WorkflowRecord.created(id, "wf", 1, null, 1000);
    assertThat(store.start(wf, new NewEntry(1, "a", StateStoreFixture.wide(1), null)))
        .isEqualTo(WorkflowSteps.Started.STARTED);
    NewEntry next = new NewEntry(2, "b", StateStoreFixture.wide(1_000), null);
    assertThat(store.advance(id, 1, line("a", "b"), next, false, null))
        .isEqualTo(WorkflowSteps.Advanced.ADVANCED);
    assertThat(store.advance(id, 1, line("a", "b"), next, false, null))
        .isEqualTo(WorkflowSteps.Advanced.ALREADY_MOVED);

    RedisClusterCommands<String, String> redis = admin.sync();
    String entry = store.layout().entry(id, 2);
    List<String> pages = keys().stream().filter(k -> k.startsWith(entry + ":p")).toList();
    assertThat(pages)
        .as("1,000 jobs: the entry hash and 62 pages, none of the loser's")
        .hasSize(62);
    for (String page : pages) {
      assertThat(redis.objectEncoding(page)).as(page).isEqualTo("listpack");
      assertThat(redis.ttl(page)).as("a stored entry's page does not expire").isEqualTo(-1L);
    }
    assertThat(redis.objectEncoding(entry)).isEqualTo("listpack");

    assertThat(store.advance(id, 2, line("b", null), null, false, WorkflowStatus.SUCCEEDED))
        .isEqualTo(WorkflowSteps.Advanced.ADVANCED);
    for (String page : pages) {
      assertThat(redis.ttl(page)).as("%s expires with its workflow", page).isPositive();
    }
  }

  @Test
  void jobsDispatchedTogetherShareOneDeadlineMemberPerRun() {
    WorkflowRecord wf = WorkflowRecord.created(id, "wf", 1, null, 1000);
    store.start(wf, new NewEntry(1, "a", StateStoreFixture.wide(200), null));
    List<AttemptSteps.Deadline> deadlines = new ArrayList<>();
    for (int j = 0; j < 200; j++) {
      deadlines.add(new AttemptSteps.Deadline(j, 1, Long.MAX_VALUE / 2, false));
    }
    store.attempts().arm(id, 1, deadlines);
    List<String> members = admin.sync().zrange(store.layout().deadlines(id), 0, -1);
    assertThat(members)
        .filteredOn(m -> m.startsWith(id + "|"))
        .containsExactlyInAnyOrder(
            id + "|1|g0-63|1", id + "|1|g64-127|1", id + "|1|g128-191|1", id + "|1|g192-199|1");
  }
}
