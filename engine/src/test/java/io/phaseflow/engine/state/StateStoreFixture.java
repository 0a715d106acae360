package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.handlers.JobResult;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the contract suites share: a fresh store and workflow id per test, and helpers. Each test
 * uses fresh workflow ids, so stores may be shared between tests.
 */
public abstract class StateStoreFixture {
  /** Job moves seen by any test of any backend, checked against the declared table at the end. */
  static final Map<JobStatus, Set<JobStatus>> SEEN = new EnumMap<>(JobStatus.class);

  protected StateStore store;
  protected String id;

  /**
   * How long the stores under test keep finished workflows: long enough that a test which reads a
   * finished workflow a few steps later still finds it on a loaded machine (Redis counts real time;
   * at 1 s a redrive test failed under load), short enough that expiry tests wait little.
   */
  protected static final java.time.Duration RETENTION = java.time.Duration.ofSeconds(3);

  /**
   * A store to test, keeping finished workflows for {@link #RETENTION}; called before each test.
   */
  protected abstract StateStore newStore();

  /** Lets {@code d} pass for the store: a fake clock in memory, real time on a server. */
  protected abstract void elapse(java.time.Duration d);

  @BeforeEach
  void open() {
    store = newStore();
    id = "t" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // --- helpers -----------------------------------------------------------------------------

  /** {@code n} jobs of handler Fan without parents, each's payload its index: a wide phase. */
  public static List<JobSpec> wide(int n) {
    List<JobSpec> jobs = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      jobs.add(
          new JobSpec(i, "Fan", "Fan", 1, 3, JsonNodeFactory.instance.numberNode(i), List.of()));
    }
    return jobs;
  }

  static JobSpec job(int index, String handler, Integer... parents) {
    return new JobSpec(
        index,
        handler + index,
        handler,
        1,
        3,
        JsonNodeFactory.instance.textNode("p" + index),
        List.of(parents));
  }

  static TransitionRecord record(String from, String to, long at) {
    return new TransitionRecord(
        from,
        to,
        from == null ? TransitionReason.STARTED : TransitionReason.SUCCEEDED,
        null,
        at,
        at,
        JobCounts.NONE,
        Map.of());
  }

  void start(List<JobSpec> jobs) {
    assertThat(
            store.start(
                WorkflowRecord.created(id, "wf", 1, data(), 1000),
                new NewEntry(1, "a", jobs, null)))
        .isEqualTo(WorkflowSteps.Started.STARTED);
  }

  static JsonNode data() {
    return JsonNodeFactory.instance.objectNode().put("query", "redis");
  }

  Completion ok(int job) {
    return complete(job, 1, JobResult.success(JsonNodeFactory.instance.numberNode(job)));
  }

  Completion complete(int job, int attempt, JobResult result) {
    JobStatus before = store.job(id, 1, job).map(JobRecord::status).orElse(null);
    Completion c = store.complete(id, 1, job, attempt, result, label(job), 2000 + job);
    JobStatus after = store.job(id, 1, job).map(JobRecord::status).orElse(null);
    if (before != null && before != after) {
      SEEN.computeIfAbsent(before, s -> EnumSet.noneOf(JobStatus.class)).add(after);
    }
    return c;
  }

  /** How the engine names a job in an entry's first error. */
  String label(int job) {
    return store
        .job(id, 1, job)
        .map(j -> "job " + job + " (" + j.spec().name() + ")")
        .orElse("job " + job);
  }

  void seenMoves(List<JobRecord> before, List<JobRecord> after) {
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i).status() != after.get(i).status()) {
        SEEN.computeIfAbsent(before.get(i).status(), s -> EnumSet.noneOf(JobStatus.class))
            .add(after.get(i).status());
      }
    }
  }

  Completion tracked(int job, int attempt, JobResult result) {
    List<JobRecord> before = store.jobs(id, 1);
    Completion c = store.complete(id, 1, job, attempt, result, label(job), 3000);
    seenMoves(before, store.jobs(id, 1));
    return c;
  }

  /** Starts a workflow of {@code definition} created at {@code at}, in phase a. */
  String started(String definition, String wid, long at) {
    assertThat(
            store.start(
                WorkflowRecord.created(wid, definition, 1, data(), at),
                new NewEntry(1, "a", List.of(job(0, "H")), null)))
        .isEqualTo(WorkflowSteps.Started.STARTED);
    return wid;
  }

  void finish(String wid, long at, WorkflowStatus status) {
    assertThat(store.advance(wid, 1, record("a", null, at), null, false, status))
        .isEqualTo(WorkflowSteps.Advanced.ADVANCED);
  }

  List<String> ids(WorkflowQuery query) {
    return store.list(query).workflows().stream().map(WorkflowRecord::id).toList();
  }
}
