package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.RetriedAttempt;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exactness check, as tables: three jobs that each succeeded once, then spoiled one way each.
 */
class JoinCheckTest {

  static Stream<Arguments> jobLists() {
    return Stream.of(
        jobs("all three succeeded at attempt 1", l -> l, 3),
        jobs("one still running", l -> set(l, 1, job(1, JobStatus.READY, 1)), 2),
        jobs("one failed", l -> set(l, 2, job(2, JobStatus.FAILED, 1)), 2),
        jobs("one skipped", l -> set(l, 0, job(0, JobStatus.SKIPPED, 1)), 2),
        jobs(
            "one succeeded at its second attempt",
            l -> set(l, 1, job(1, JobStatus.SUCCEEDED, 2)),
            2),
        jobs("one retried, its attempt number reset", l -> set(l, 1, retried(1)), 2),
        jobs("one index stored twice", l -> set(l, 2, job(1, JobStatus.SUCCEEDED, 1)), 2),
        jobs("a payload that is not its index", l -> set(l, 2, withPayload(2, 7)), 2),
        jobs("a payload that is no number", l -> set(l, 0, withText(0)), 2),
        jobs("none at all", l -> List.of(), 0));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("jobLists")
  void countsJobsThatSucceededExactlyOnce(String name, List<JobRecord> jobs, int expected) {
    assertThat(JoinCheck.succeededOnce(jobs)).isEqualTo(expected);
  }

  static Stream<Arguments> workflows() {
    Optional<WorkflowRecord> ok = Optional.of(workflow(WorkflowStatus.SUCCEEDED));
    Optional<EntryRecord> fan = Optional.of(entry(1, JoinWorkload.FAN, 100, null));
    Optional<EntryRecord> done = Optional.of(entry(2, JoinWorkload.DONE, 200, null));
    List<JobRecord> three = three();
    return Stream.of(
        Arguments.of("exact", ok, fan, three, done, Optional.empty(), List.of()),
        Arguments.of(
            "failed",
            Optional.of(workflow(WorkflowStatus.FAILED)),
            Optional.of(entry(1, JoinWorkload.FAN, 100, "job 2 (NoopFanout): boom")),
            set(three, 2, job(2, JobStatus.FAILED, 1)),
            Optional.empty(),
            Optional.empty(),
            List.of(
                "ended FAILED",
                "closed with error job 2 (NoopFanout): boom",
                "2 of 3 jobs succeeded exactly once (3 jobs stored)",
                "entry 2 is not the final phase 'done'")),
        Arguments.of(
            "not stored",
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            List.of("not found", "fan entry (1) is missing", "0 of 3 jobs", "entry 2 is not")),
        Arguments.of(
            "fan entry open",
            ok,
            Optional.of(entry(1, JoinWorkload.FAN, 0, null)),
            three,
            done,
            Optional.empty(),
            List.of("still open")),
        Arguments.of(
            "a job too many",
            ok,
            fan,
            add(three, job(3, JobStatus.SUCCEEDED, 1)),
            done,
            Optional.empty(),
            List.of("4 of 3 jobs succeeded exactly once (4 jobs stored)")),
        Arguments.of(
            "a third entry",
            ok,
            fan,
            three,
            done,
            Optional.of(entry(3, JoinWorkload.FAN, 300, null)),
            List.of("entered a third phase: fan")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workflows")
  void aJoinWorkflowIsExactOnlyWhenItSucceededWithEveryJobOnceAndEndedInItsFinalPhase(
      String name,
      Optional<WorkflowRecord> workflow,
      Optional<EntryRecord> fan,
      List<JobRecord> jobs,
      Optional<EntryRecord> last,
      Optional<EntryRecord> extra,
      List<String> expected) {
    JoinCheck.Verdict v = JoinCheck.check("wf1", 3, workflow, fan, jobs, last, extra);

    assertThat(v.problems()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(v.problems().get(i)).startsWith("workflow wf1: ").contains(expected.get(i));
    }
  }

  private static Arguments jobs(String name, UnaryOperator<List<JobRecord>> change, int expected) {
    return Arguments.of(name, change.apply(three()), expected);
  }

  private static List<JobRecord> three() {
    return List.of(
        job(0, JobStatus.SUCCEEDED, 1),
        job(1, JobStatus.SUCCEEDED, 1),
        job(2, JobStatus.SUCCEEDED, 1));
  }

  private static JobRecord job(int index, JobStatus status, int attempt) {
    return new JobRecord(spec(index, IntNode.valueOf(index)), status, attempt, null, null);
  }

  private static JobRecord withPayload(int index, int payload) {
    return new JobRecord(spec(index, IntNode.valueOf(payload)), JobStatus.SUCCEEDED, 1, null, null);
  }

  private static JobRecord withText(int index) {
    return new JobRecord(spec(index, TextNode.valueOf("0")), JobStatus.SUCCEEDED, 1, null, null);
  }

  private static JobRecord retried(int index) {
    return new JobRecord(
        spec(index, IntNode.valueOf(index)),
        JobStatus.SUCCEEDED,
        1,
        null,
        null,
        List.of(new RetriedAttempt(index, "NoopFanout", 1, 1, 2, "boom", 0)));
  }

  private static JobSpec spec(int index, com.fasterxml.jackson.databind.JsonNode payload) {
    return new JobSpec(index, JoinWorkload.HANDLER, JoinWorkload.HANDLER, 1, 3, payload, List.of());
  }

  private static WorkflowRecord workflow(WorkflowStatus status) {
    return new WorkflowRecord(
        "wf1", JoinWorkload.NAME, 1, null, JoinWorkload.DONE, 2, status, false, 1, 2);
  }

  private static EntryRecord entry(int n, String phase, long closedAt, String error) {
    return new EntryRecord(n, phase, 1, closedAt, error, JobCounts.NONE, Map.of());
  }

  private static List<JobRecord> set(List<JobRecord> jobs, int i, JobRecord job) {
    List<JobRecord> out = new ArrayList<>(jobs);
    out.set(i, job);
    return out;
  }

  private static List<JobRecord> add(List<JobRecord> jobs, JobRecord job) {
    List<JobRecord> out = new ArrayList<>(jobs);
    out.add(job);
    return out;
  }
}
