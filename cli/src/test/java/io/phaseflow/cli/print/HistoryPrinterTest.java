package io.phaseflow.cli.print;

import static io.phaseflow.cli.print.Records.T0;
import static io.phaseflow.cli.print.Records.counts;
import static io.phaseflow.cli.print.Records.entry;
import static io.phaseflow.cli.print.Records.moved;
import static io.phaseflow.cli.print.Records.ok;
import static io.phaseflow.cli.print.Records.started;
import static io.phaseflow.cli.print.Records.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.RetriedAttempt;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryPrinterTest {
  @Test
  void aTransitionShowsWhenWhereWhyHowLongAndItsJobsPerHandler() {
    String line =
        HistoryPrinter.line(
            moved(
                "fetching-pages",
                "finished",
                104,
                125,
                Map.of("PageSummarizer", ok(3), "Cache", ok(1))));

    assertThat(line)
        .startsWith("18:31:38.125  fetching-pages → finished")
        .containsPattern("succeeded\\s+21 ms  Cache 1/1 ok; PageSummarizer 3/3 ok$");
  }

  @Test
  void aFailedTransitionNamesTheFailingJobAndItsErrorOnTheNextLine() {
    String line =
        HistoryPrinter.line(
            moved(
                "validating",
                "rejected",
                TransitionReason.FAILED,
                "job 1 (PaymentValidator): payment p-2 has a negative amount",
                0,
                30,
                Map.of("PaymentValidator", counts(3, 2, 1, 0))));

    assertThat(line.lines())
        .containsExactly(
            "18:31:38.030  validating → rejected                failed         30 ms "
                + " PaymentValidator 2 ok, 1 failed",
            "              error: job 1 (PaymentValidator): payment p-2 has a negative amount");
  }

  @Test
  void eachRetriedAttemptIsALineWithItsErrorAndBackoff() {
    TransitionRecord t =
        new TransitionRecord(
            "fetch",
            "report",
            TransitionReason.FAILED,
            "job 0 (Fetcher): timed out after 30s (attempt 3 of 3)",
            T0,
            T0 + 95_000,
            counts(1, 0, 1, 0),
            Map.of("Fetcher", counts(1, 0, 1, 0)),
            List.of(
                new RetriedAttempt(
                    0, "Fetcher", 1, T0, T0 + 30_000, "timed out after 30s (attempt 1 of 3)", 1000),
                new RetriedAttempt(0, "Fetcher", 2, 0, T0 + 62_000, "IOException: reset", 2000)));

    assertThat(HistoryPrinter.line(t).lines())
        .endsWith(
            "              error: job 0 (Fetcher): timed out after 30s (attempt 3 of 3)",
            "              job 0 (Fetcher) attempt 1: timed out after 30s (attempt 1 of 3),"
                + " retried after 1.0 s",
            "              job 0 (Fetcher) attempt 2: IOException: reset, retried after 2.0 s");
  }

  @Test
  void startAndPhasesWithoutJobsReadPlainly() {
    assertThat(HistoryPrinter.line(started("pending")))
        .endsWith("→ pending" + " ".repeat(28) + "started");
    assertThat(HistoryPrinter.line(moved("pending", "searching", 0, 0, Map.of())))
        .endsWith("0 ms  no jobs");
    assertThat(HistoryPrinter.line(moved("finished", null, 0, 5, Map.of("JobFinisher", ok(1)))))
        .contains("finished → (end)");
  }

  @Test
  void theTimelineEndsWithWhereAFinishedWorkflowStandsAndItsTotalTime() {
    List<TransitionRecord> history =
        List.of(
            started("pending"),
            moved("pending", "searching", 0, 0, Map.of()),
            moved("searching", null, 0, 131, Map.of("LocalSearcher", ok(1))));
    WorkflowView view =
        new WorkflowView(
            workflow("wf-1", "searching", 2, WorkflowStatus.SUCCEEDED, 131), null, history);

    assertThat(HistoryPrinter.render(view, T0 + 60_000).lines())
        .first()
        .isEqualTo("workflow wf-1: search v1, started 2024-05-01 18:31:38 UTC");
    assertThat(HistoryPrinter.render(view, T0 + 60_000).lines())
        .hasSize(5)
        .last()
        .isEqualTo("succeeded in phase 'searching' after 131 ms");
  }

  @Test
  void aRunningWorkflowSaysHowLongItHasBeenInItsPhase() {
    WorkflowView view =
        new WorkflowView(
            workflow("wf-2", "searching", 2, WorkflowStatus.RUNNING, 0),
            entry(2, "searching", 1_000, null, Map.of("LocalSearcher", counts(1, 0, 0, 0))),
            List.of(started("pending"), moved("pending", "searching", 0, 1_000, Map.of())));

    assertThat(HistoryPrinter.standing(view, T0 + 3_500))
        .isEqualTo("running in phase 'searching' for 2.5 s (3.5 s since start)");
  }

  @Test
  void aControlLineSaysWhoAndWhy() {
    TransitionRecord pause =
        TransitionRecord.control(
            io.phaseflow.engine.state.ControlAction.PAUSE, "work", "work", "alice", "deploy", T0);
    TransitionRecord redrive =
        TransitionRecord.control(
            io.phaseflow.engine.state.ControlAction.REDRIVE, "error", "check", "bob", null, T0);
    TransitionRecord cancel =
        TransitionRecord.control(
            io.phaseflow.engine.state.ControlAction.CANCEL,
            "work",
            null,
            "api 10.0.0.7",
            "typo",
            T0);

    assertThat(HistoryPrinter.line(pause))
        .matches("18:31:38.000  work\\s+paused\\s+by alice: \"deploy\"");
    assertThat(HistoryPrinter.line(redrive))
        .matches("18:31:38.000  error → check\\s+redriven\\s+by bob");
    assertThat(HistoryPrinter.line(cancel))
        .matches("18:31:38.000  work → \\(end\\)\\s+canceled\\s+by api 10.0.0.7: \"typo\"");
  }

  @Test
  void withJobsEachClosedEntrysJobsFollowItsLineAndAnOpenEntrysTheLastLine() {
    List<TransitionRecord> history =
        List.of(
            started("searching"),
            moved("searching", "fetching", 0, 40, Map.of("LocalSearcher", ok(1))),
            moved("fetching", "done", 40, 90, Map.of()));
    WorkflowView view =
        new WorkflowView(
            workflow("wf-3", "done", 3, WorkflowStatus.RUNNING, 90),
            entry(3, "done", 90, null, Map.of("Reporter", counts(2, 1, 0, 0))),
            history);
    Map<Integer, List<JobRecord>> jobs =
        Map.of(
            1,
            List.of(
                JobPrinterTest.job(
                    0,
                    "LocalSearcher",
                    "LocalSearcher",
                    JobStatus.SUCCEEDED,
                    1,
                    "{\"hits\": [1, 2, 3]}")),
            2,
            List.of(),
            3,
            List.of(
                JobPrinterTest.job(0, "Reporter", "Reporter", JobStatus.SUCCEEDED, 1, "\"ok\""),
                JobPrinterTest.job(1, "Reporter", "Reporter", JobStatus.READY, 2, null)));

    List<String> lines = HistoryPrinter.render(view, T0 + 100, jobs::get, 10).lines().toList();

    assertThat(lines.get(2)).contains("searching → fetching");
    assertThat(lines.get(3))
        .isEqualTo(" ".repeat(16) + "job 0  LocalSearcher  succeeded  attempt 1  {\"hits\":[…");
    assertThat(lines.get(4)).contains("fetching → done").contains("no jobs");
    assertThat(lines.subList(5, 8))
        .containsExactly(
            " ".repeat(14) + "entry 3 in 'done', open:",
            " ".repeat(16) + "job 0  Reporter  succeeded  attempt 1  \"ok\"",
            " ".repeat(16) + "job 1  Reporter  ready  attempt 2");
    assertThat(lines).hasSize(9);
    assertThat(HistoryPrinter.render(view, T0 + 100, jobs::get, 0)).contains("{\"hits\":[1,2,3]}");
  }
}
