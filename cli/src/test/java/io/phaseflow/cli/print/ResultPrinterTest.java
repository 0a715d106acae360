package io.phaseflow.cli.print;

import static io.phaseflow.cli.print.Records.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.inspect.WorkflowResult;
import io.phaseflow.engine.state.WorkflowStatus;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {
  @Test
  void aResultNamesItsEntryAndIsCutToTheWidth() throws Exception {
    WorkflowResult r =
        new WorkflowResult(
            workflow("w1", "finished", 4, WorkflowStatus.SUCCEEDED, 100),
            4,
            "finished",
            new ObjectMapper().readTree("{\"JobFinisher\": [{\"words\": 167}]}"));

    assertThat(ResultPrinter.line(r, 0))
        .isEqualTo("  result of 'finished' (entry 4): {\"JobFinisher\":[{\"words\":167}]}");
    assertThat(ResultPrinter.line(r, 10))
        .isEqualTo("  result of 'finished' (entry 4): {\"JobFini…");
    assertThat(ResultPrinter.workflowLine(r, 0))
        .isEqualTo("w1  succeeded  {\"JobFinisher\":[{\"words\":167}]}");
  }

  @Test
  void aWorkflowWhosePhasesRanNoJobsSaysSo() throws Exception {
    WorkflowResult r =
        new WorkflowResult(
            workflow("w2", "only", 1, WorkflowStatus.SUCCEEDED, 1),
            0,
            null,
            new ObjectMapper().createObjectNode());

    assertThat(ResultPrinter.line(r, 10)).isEqualTo("  result: {} (no phase ran jobs)");
  }
}
