package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a job's outcome becomes a value, and an entry's jobs an object: one owner for both. */
class JobOutputsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JobRecord job(int index, String name, String handler, JobStatus status, String out) {
    JsonNode output = out == null ? null : JsonNodeFactory.instance.textNode(out);
    String error = status == JobStatus.FAILED ? "disk full" : null;
    return new JobRecord(
        new JobSpec(index, name, handler, 1, 3, JsonNodeFactory.instance.nullNode(), List.of()),
        status,
        1,
        output,
        error);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SUCCEEDED | \"thumb\"",
        "FAILED    | {\"error\":\"disk full\",\"job\":4}",
        "SKIPPED   | {\"skipped\":true,\"job\":4}",
        "READY     | {\"unfinished\":true,\"job\":4}",
        "WAITING   | {\"unfinished\":true,\"job\":4}",
      })
  void eachOutcomeIsOneValue(JobStatus status, String expected) throws Exception {
    JobRecord j =
        job(4, "resize", "Resizer", status, status == JobStatus.SUCCEEDED ? "thumb" : null);

    assertThat(JobOutputs.of(j)).isEqualTo(JSON.readTree(expected));
  }

  @Test
  void aSucceededJobWithoutOutputIsNull() {
    assertThat(JobOutputs.of(job(0, "a", "A", JobStatus.SUCCEEDED, null)).isNull()).isTrue();
  }

  @Test
  void byHandlerListsEachHandlersJobsInJobOrder() throws Exception {
    List<JobRecord> jobs =
        List.of(
            job(0, "Summarizer", "Summarizer", JobStatus.SUCCEEDED, "p1"),
            job(1, "Counter", "Counter", JobStatus.SUCCEEDED, "c"),
            job(2, "Summarizer", "Summarizer", JobStatus.FAILED, null),
            job(3, "Summarizer", "Summarizer", JobStatus.SUCCEEDED, "p3"));

    assertThat(JobOutputs.byHandler(jobs))
        .isEqualTo(
            JSON.readTree(
                "{\"Summarizer\": [\"p1\", {\"error\": \"disk full\", \"job\": 2}, \"p3\"],"
                    + " \"Counter\": [\"c\"]}"));
  }

  @Test
  void byTaskKeysEachJobByItsTaskNameInTaskOrder() throws Exception {
    List<JobRecord> jobs =
        List.of(
            job(0, "csv", "ImportCsv", JobStatus.SUCCEEDED, "rows"),
            job(1, "xml", "ImportXml", JobStatus.FAILED, null),
            job(2, "report", "GenReport", JobStatus.SKIPPED, null));

    var result = JobOutputs.byTask(jobs);

    assertThat(result)
        .isEqualTo(
            JSON.readTree(
                "{\"csv\": \"rows\", \"xml\": {\"error\": \"disk full\", \"job\": 1},"
                    + " \"report\": {\"skipped\": true, \"job\": 2}}"));
    assertThat(result.fieldNames()).toIterable().containsExactly("csv", "xml", "report");
  }

  @Test
  void noJobsAreAnEmptyObject() {
    assertThat(JobOutputs.byHandler(List.of()).isEmpty()).isTrue();
    assertThat(JobOutputs.byTask(List.of()).isEmpty()).isTrue();
  }
}
