package io.phaseflow.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobPrinterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JobRecord job(
      int index, String name, String handler, JobStatus status, int attempt, String output) {
    try {
      return new JobRecord(
          new JobSpec(index, name, handler, 1, 3, NullNode.getInstance(), List.of()),
          status,
          attempt,
          output == null ? null : JSON.readTree(output),
          status == JobStatus.FAILED ? "payment p-2 has amount -15.0" : null);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @ParameterizedTest(name = "''{0}'' cut to {1}: ''{2}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "abcdef | 0 | abcdef",
        "abcdef | 6 | abcdef",
        "abcdef | 7 | abcdef",
        "abcdef | 5 | abcd…",
        "abcdef | 1 | …",
        "ab😀cd | 4 | ab…",
      })
  void textLongerThanTheWidthEndsInAnEllipsisWithinIt(String text, int width, String shown) {
    assertThat(JobPrinter.cut(text, width)).isEqualTo(shown);
    if (width > 0) {
      assertThat(JobPrinter.cut(text, width).length()).isLessThanOrEqualTo(width);
    }
  }

  @Test
  void aSucceededJobShowsItsOutputAsCompactJsonCutToTheWidth() {
    JobRecord j =
        job(
            0,
            "PageSummarizer",
            "PageSummarizer",
            JobStatus.SUCCEEDED,
            1,
            "{\"page\": \"redis.txt\", \"words\": 40}");

    assertThat(JobPrinter.line(j, 0))
        .isEqualTo(
            "job 0  PageSummarizer  succeeded  attempt 1  {\"page\":\"redis.txt\",\"words\":40}");
    assertThat(JobPrinter.line(j, 12))
        .isEqualTo("job 0  PageSummarizer  succeeded  attempt 1  {\"page\":\"re…");
  }

  @Test
  void aFailedJobShowsItsErrorWholeAndATaskItsHandler() {
    JobRecord failed = job(3, "charge", "PaymentValidator", JobStatus.FAILED, 2, null);
    JobRecord skipped = job(4, "report", "GenReport", JobStatus.SKIPPED, 1, null);

    assertThat(JobPrinter.line(failed, 5))
        .isEqualTo(
            "job 3  charge (PaymentValidator)  failed  attempt 2  error: payment p-2 has amount"
                + " -15.0");
    assertThat(JobPrinter.line(skipped, 5))
        .isEqualTo("job 4  report (GenReport)  skipped  attempt 1");
  }

  @Test
  void aMissingOutputReadsNull() {
    assertThat(JobPrinter.json((JsonNode) null, 0)).isEqualTo("null");
  }
}
