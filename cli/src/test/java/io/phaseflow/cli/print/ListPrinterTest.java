package io.phaseflow.cli.print;

import static io.phaseflow.cli.print.Records.T0;
import static io.phaseflow.cli.print.Records.counts;
import static io.phaseflow.cli.print.Records.entry;
import static io.phaseflow.cli.print.Records.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.inspect.Inspector.WorkflowSummary;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListPrinterTest {
  private static final WorkflowSummary RUNNING =
      new WorkflowSummary(
          workflow("wf-running", "fetching-pages", 3, WorkflowStatus.RUNNING, 100),
          entry(3, "fetching-pages", 100, null, Map.of("PageSummarizer", counts(3, 1, 0, 0))));
  private static final WorkflowSummary DONE =
      new WorkflowSummary(
          workflow("wf-2", "finished", 4, WorkflowStatus.SUCCEEDED, 131),
          entry(4, "finished", 120, null, Map.of("JobFinisher", counts(1, 1, 0, 0))));

  @Test
  void aTableWithOneRowPerWorkflowInTheOrderGiven() {
    String shown =
        ListPrinter.render(
            new Inspector.Listing(List.of(RUNNING, DONE), null), T0 + 65_000, "phaseflow list");

    assertThat(shown.lines())
        .containsExactly(
            "ID          DEFINITION  STATUS     PHASE           PROGRESS  STARTED (UTC)"
                + "        DURATION",
            "wf-running  search@1    running    fetching-pages  1/3       2024-05-01 18:31:38 "
                + " 1 min 5 s",
            "wf-2        search@1    succeeded  finished        1/1       2024-05-01 18:31:38 "
                + " 131 ms");
  }

  @Test
  void saysHowToFetchTheNextPage() {
    String shown =
        ListPrinter.render(
            new Inspector.Listing(List.of(DONE), "001714588298000:wf-2"),
            T0,
            "phaseflow list --limit 1");

    assertThat(shown)
        .endsWith("\nnext page: phaseflow list --limit 1 --after 001714588298000:wf-2\n");
  }

  @Test
  void theLastPageHasNoHintAndAnEmptyPageSaysSo() {
    assertThat(ListPrinter.render(new Inspector.Listing(List.of(DONE), null), T0, "x"))
        .doesNotContain("next page");
    assertThat(ListPrinter.render(new Inspector.Listing(List.of(), null), T0, "x"))
        .isEqualTo("no workflows\n");
  }

  @Test
  void aWorkflowBeforeItsFirstPhaseShowsDashes() {
    WorkflowSummary fresh =
        new WorkflowSummary(workflow("wf-new", null, 0, WorkflowStatus.RUNNING, 0), null);

    assertThat(ListPrinter.row(fresh, T0 + 10)).containsSubsequence("running", "-", "-", "10 ms");
  }

  @Test
  void cursorsAreQuotedForTheShellOnlyWhenNeeded() {
    assertThat(ListPrinter.shellWord("001714588298000:wf-2")).isEqualTo("001714588298000:wf-2");
    assertThat(ListPrinter.shellWord("001:it's $x")).isEqualTo("'001:it'\\''s $x'");
  }
}
