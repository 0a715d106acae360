package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.JobPolicy;
import io.phaseflow.engine.definition.VersionRequirement;
import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.HandlerLimit;
import io.phaseflow.engine.state.HandlerLimits;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which limit binds a workflow's current jobs: the one on the major they were sent to. */
class CurrentLimitsTest {
  private static final List<HandlerLimits.Usage> USAGE =
      List.of(
          new HandlerLimits.Usage(new HandlerLimit("Crawler", 1, 2, 0), 1, 0),
          new HandlerLimits.Usage(new HandlerLimit("Crawler", 2, 4, 0), 3, 5),
          new HandlerLimits.Usage(new HandlerLimit("Indexer", 1, 0, 10), 0, 0));

  /**
   * @param status the workflow's
   * @param jobMajor the major the current Crawler jobs were sent to; 0: the jobs were not read
   * @param planned how the phase names Crawler; -: the definition is not known here
   * @param limitMajor the major of the Crawler limit shown; 0: none
   */
  @ParameterizedTest(name = "{0}, jobs sent to v{1}, planned {2}: limit v{3}")
  @CsvSource({
    "RUNNING,  1, 1,       1",
    "RUNNING,  2, 1,       2", // the jobs say where they went, over the definition
    "PAUSED,   2, -,       2", // a paused workflow's jobs in flight still hold leases
    "RUNNING,  0, 2,       2", // jobs not read: the definition's plain major
    "RUNNING,  0, ~> 1.2,  0", // a range: the major is not known without the jobs
    "RUNNING,  0, -,       0",
    "RUNNING,  3, 3,       0", // no limit on v3
    "SUCCEEDED, 1, 1,      0", // ended: its jobs take no more leases
  })
  void aHandlersLimitIsTheOneOnTheMajorItsJobsWereSentTo(
      WorkflowStatus status, int jobMajor, String planned, int limitMajor) {
    WorkflowView view = view(status, jobMajor);
    List<HandlerReference> refs =
        planned.equals("-")
            ? List.of()
            : List.of(
                new HandlerReference(
                    "Crawler",
                    1,
                    null,
                    3,
                    JobPolicy.DEFAULT,
                    List.of(),
                    VersionRequirement.parse(planned)));

    Map<String, HandlerLimits.Usage> limited = CurrentLimits.of(view, refs, USAGE);

    if (limitMajor == 0) {
      assertThat(limited).isEmpty();
    } else {
      assertThat(limited).containsOnlyKeys("Crawler");
      assertThat(limited.get("Crawler").limit().version()).isEqualTo(limitMajor);
    }
  }

  private static WorkflowView view(WorkflowStatus status, int jobMajor) {
    WorkflowRecord wf =
        new WorkflowRecord(
            "wf-1", "crawl", 1, NullNode.getInstance(), "fetch", 2, status, false, 0, 10);
    List<JobRecord> jobs =
        jobMajor == 0
            ? List.of()
            : List.of(
                new JobRecord(
                    new JobSpec(
                        0, "Crawler", "Crawler", jobMajor, 3, NullNode.getInstance(), List.of()),
                    JobStatus.READY,
                    1,
                    null,
                    null));
    EntryRecord current =
        new EntryRecord(2, "fetch", 0, 0, null, JobCounts.NONE, Map.of("Crawler", JobCounts.NONE));
    return new WorkflowView(wf, current, List.of(), jobs);
  }
}
