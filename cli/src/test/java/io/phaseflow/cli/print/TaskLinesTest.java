package io.phaseflow.cli.print;

import static io.phaseflow.cli.print.Records.T0;
import static io.phaseflow.cli.print.Records.counts;
import static io.phaseflow.cli.print.Records.entry;
import static io.phaseflow.cli.print.Records.moved;
import static io.phaseflow.cli.print.Records.ok;
import static io.phaseflow.cli.print.Records.started;
import static io.phaseflow.cli.print.Records.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskLinesTest {
  private static JobRecord task(
      int index, String name, JobStatus status, int attempt, long startMs, long endMs) {
    JobSpec spec = new JobSpec(index, name, "Step", 1, 3, NullNode.getInstance(), List.of());
    return new JobRecord(
        spec,
        status,
        attempt,
        null,
        null,
        List.of(),
        startMs == -1 ? 0 : T0 + 1_000 + startMs,
        endMs == -1 ? 0 : T0 + 1_000 + endMs);
  }

  private static final WorkflowView.Tasks TASKS =
      new WorkflowView.Tasks(
          entry(1, "run", 1_000, null, Map.of("Step", counts(6, 3, 1, 1))),
          List.of(
              task(0, "fetch", JobStatus.SUCCEEDED, 1, 3, 1_503),
              task(1, "Step", JobStatus.SUCCEEDED, 2, 1_510, 3_710),
              task(2, "parse", JobStatus.FAILED, 3, -1, 4_000),
              task(3, "report", JobStatus.SKIPPED, 1, -1, -1),
              task(4, "index", JobStatus.READY, 1, -1, -1),
              task(5, "late", JobStatus.SUCCEEDED, 1, -4, 20)));

  @Test
  void eachTaskIsALineWithStatusDurationStartAndAttempt() {
    assertThat(TaskLines.lines(TASKS))
        .containsExactly(
            "              · fetch (Step)                       succeeded      1.5 s  at +3 ms"
                + "       attempt 1",
            "              · Step                               succeeded      2.2 s  at +1.5 s"
                + "      attempt 2",
            "              · parse (Step)                       failed                ended +4.0 s"
                + "   attempt 3",
            "              · report (Step)                      skipped                        "
                + "      attempt 1",
            "              · index (Step)                       ready                          "
                + "      attempt 1",
            "              · late (Step)                        succeeded      24 ms  at +0 ms"
                + "       attempt 1");
  }

  @Test
  void theTasksFollowTheLineThatLeftTheRunEntry() {
    WorkflowView view =
        new WorkflowView(
            workflow("wf-1", "succeeded", 2, WorkflowStatus.SUCCEEDED, 5_000),
            entry(2, "succeeded", 5_000, null, Map.of()),
            List.of(started("run"), moved("run", "succeeded", 1_000, 5_000, Map.of("Step", ok(6)))),
            TASKS);

    List<String> lines = HistoryPrinter.render(view, T0 + 9_000).lines().toList();
    assertThat(lines).hasSize(10);
    assertThat(lines.get(2)).contains("run → succeeded");
    assertThat(lines.get(3)).contains("· fetch (Step)");
    assertThat(lines.get(8)).contains("· late (Step)");
    assertThat(lines.get(9)).startsWith("succeeded in phase 'succeeded'");
  }

  @Test
  void aRunningDagListsItsTasksBeforeWhereItStands() {
    WorkflowView view =
        new WorkflowView(
            workflow("wf-2", "run", 1, WorkflowStatus.RUNNING, 0),
            TASKS.entry(),
            List.of(started("run")),
            TASKS);

    List<String> lines = HistoryPrinter.render(view, T0 + 9_000).lines().toList();
    assertThat(lines.get(2)).contains("· fetch (Step)");
    assertThat(lines.get(lines.size() - 1)).startsWith("running in phase 'run'");
  }
}
