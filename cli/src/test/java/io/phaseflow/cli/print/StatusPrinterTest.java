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
import io.phaseflow.engine.state.HandlerLimit;
import io.phaseflow.engine.state.HandlerLimits;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.handlers.protocol.Priority;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusPrinterTest {
  private static final WorkflowView RUNNING =
      new WorkflowView(
          workflow("wf-1", "fetching-pages", 3, WorkflowStatus.RUNNING, 200),
          entry(
              3,
              "fetching-pages",
              200,
              "job 4 (LocalSearcher): index missing",
              Map.of("LocalSearcher", counts(6, 2, 1, 0), "PageSummarizer", ok(2))),
          List.of(
              started("pending"),
              moved("pending", "searching", 0, 0, Map.of()),
              moved("searching", "fetching-pages", 0, 200, Map.of("LocalSearcher", ok(1)))));

  @Test
  void showsTheDefinitionStatusAndHowLongTheWorkflowHasBeenInItsPhase() {
    String shown = StatusPrinter.render(RUNNING, T0 + 2_300);

    assertThat(shown.lines())
        .startsWith(
            "workflow    wf-1",
            "definition  search v1",
            "status      running",
            "phase       fetching-pages (entry 3) for 2.1 s",
            "started     2024-05-01 18:31:38 UTC, 2.3 s ago");
  }

  @Test
  void aPriorityOtherThanNormalIsShownUnderTheStatus() {
    var wf = RUNNING.workflow();
    WorkflowView high =
        new WorkflowView(
            new io.phaseflow.engine.state.WorkflowRecord(
                wf.id(),
                wf.definition(),
                wf.version(),
                wf.data(),
                wf.phase(),
                wf.entry(),
                wf.status(),
                false,
                wf.createdAt(),
                wf.updatedAt(),
                Priority.HIGH),
            RUNNING.current(),
            RUNNING.history());

    assertThat(StatusPrinter.render(high, T0 + 2_300).lines())
        .containsSubsequence(
            "status      running",
            "priority    high",
            "phase       fetching-pages (entry 3) for 2.1 s");
    assertThat(StatusPrinter.render(RUNNING, T0 + 2_300)).doesNotContain("priority");
  }

  @Test
  void showsEachHandlerOfTheCurrentEntryAsABarWithFailuresAndTheError() {
    String shown = StatusPrinter.render(RUNNING, T0 + 2_300);

    assertThat(shown)
        .contains("jobs in fetching-pages:")
        .contains("  LocalSearcher   [##########----------]  3/6  1 failed")
        .contains("  PageSummarizer  [####################]  2/2\n")
        .contains("  error: job 4 (LocalSearcher): index missing");
  }

  @Test
  void listsThePhasesVisitedWithTheirState() {
    String shown = StatusPrinter.render(RUNNING, T0 + 2_300);

    assertThat(shown)
        .containsSubsequence(
            "phases:",
            "  pending         succeeded           0 ms  no jobs",
            "  searching       succeeded         200 ms  LocalSearcher 1/1 ok",
            "  fetching-pages  active             2.1 s  LocalSearcher 2 ok, 1 failed, 3 open;"
                + " PageSummarizer 2/2 ok");
  }

  @Test
  void aFinishedWorkflowShowsItsTotalTimeAndWhenItEnded() {
    WorkflowView done =
        new WorkflowView(
            workflow("wf-2", "searching", 2, WorkflowStatus.FAILED, 5_000),
            entry(
                2,
                "searching",
                0,
                "job 0 (LocalSearcher): boom",
                Map.of("LocalSearcher", counts(1, 0, 1, 0))),
            List.of(
                started("searching"),
                moved(
                    "searching",
                    null,
                    TransitionReason.FAILED,
                    "job 0 (LocalSearcher): boom",
                    0,
                    5_000,
                    Map.of("LocalSearcher", counts(1, 0, 1, 0)))));

    assertThat(StatusPrinter.render(done, T0 + 60_000))
        .contains("status      failed after 5.0 s")
        .contains("failure     in searching: job 0 (LocalSearcher): boom")
        .contains("phase       searching (entry 2), ended 2024-05-01 18:31:43 UTC")
        .contains("  searching  failed")
        .contains("LocalSearcher  [####################]  1/1  1 failed");
  }

  @Test
  void aLimitedHandlersLineEndsWithItsLimitAndUsageTheOthersAreUnchanged() {
    HandlerLimits.Usage local =
        new HandlerLimits.Usage(new HandlerLimit("LocalSearcher", 1, 2, 10), 2, 3);

    String shown = StatusPrinter.render(RUNNING, T0 + 2_300, Map.of("LocalSearcher", local));

    assertThat(shown)
        .contains(
            "  LocalSearcher   [##########----------]  3/6  1 failed  limit v1: 2 concurrent,"
                + " 10/s; 2 leases held, 3 jobs deferred (all workflows)\n")
        .contains("  PageSummarizer  [####################]  2/2\n");
  }

  @Test
  void withoutLimitsTheHandlerLinesAreExactlyAsBefore() {
    String unlimited =
        "jobs in fetching-pages:\n"
            + "  LocalSearcher   [##########----------]  3/6  1 failed\n"
            + "  PageSummarizer  [####################]  2/2\n";

    assertThat(StatusPrinter.render(RUNNING, T0 + 2_300, Map.of())).contains(unlimited);
    assertThat(StatusPrinter.render(RUNNING, T0 + 2_300, Map.of()))
        .isEqualTo(StatusPrinter.render(RUNNING, T0 + 2_300));
  }

  @ParameterizedTest(name = "max {1} concurrent, {2}/s, {3} leases, {4} deferred: {5}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | 2 | 10 | 2 | 3 | limit v1: 2 concurrent, 10/s; 2 leases held, 3 jobs deferred (all"
            + " workflows)",
        "2 | 2 |  0 | 1 | 0 | limit v2: 2 concurrent; 1 lease held, 0 jobs deferred (all"
            + " workflows)",
        "1 | 0 | 50 | 0 | 1 | limit v1: 50/s; 0 leases held, 1 job deferred (all workflows)",
      })
  void theLimitNoteSaysOnlyTheLimitsSetAndTheUsageAcrossAllWorkflows(
      int major, int maxConcurrent, int maxPerSecond, int leases, int deferred, String note) {
    HandlerLimits.Usage u =
        new HandlerLimits.Usage(
            new HandlerLimit("Crawler", major, maxConcurrent, maxPerSecond), leases, deferred);

    assertThat(StatusPrinter.limit(u)).isEqualTo(note);
  }
}
