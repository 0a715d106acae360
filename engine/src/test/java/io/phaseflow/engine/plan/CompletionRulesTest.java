package io.phaseflow.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.handlers.protocol.JobFinished;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a finished job does, as a table: pure, no server. */
class CompletionRulesTest {
  private static final int LIMIT = 100;

  @ParameterizedTest(
      name = "ok={0} retryable={1} attempt {2} of {3}, {4} bytes -> reads job: {5}, {6}")
  @CsvSource(
      delimiter = '|',
      value = {
        // ok  | retryable | attempt | max attempts | output bytes | reads job | outcome
        "true  | false     | 1       | 3            | 10           | false     | record ok",
        "true  | false     | 1       | 3            | 100          | false     | record ok",
        "true  | false     | 1       | unknown      | 10           | false     | record ok",
        "true  | false     | 1       | 3            | 101          | true      | record job 4 (Resize): output of Resize is 101 bytes, over the limit of 100",
        "true  | true      | 1       | 3            | 5000         | true      | record job 4 (Resize): output of Resize is 5,000 bytes, over the limit of 100",
        "true  | false     | 1       | unknown      | 101          | true      | drop",
        "false | true      | 1       | 3            | 0            | true      | retry 2",
        "false | true      | 2       | 3            | 0            | true      | retry 3",
        "false | true      | 3       | 3            | 0            | true      | record job 4 (Resize): boom",
        "false | true      | 4       | 3            | 0            | true      | record job 4 (Resize): boom",
        "false | true      | 1       | 1            | 0            | true      | record job 4 (Resize): boom",
        "false | false     | 1       | 3            | 0            | true      | record job 4 (Resize): boom",
        "false | true      | 1       | unknown      | 0            | true      | drop",
        "false | false     | 1       | unknown      | 0            | true      | drop",
      })
  void decides(
      boolean ok,
      boolean retryable,
      int attempt,
      String maxAttempts,
      int outputBytes,
      boolean readsJob,
      String outcome) {
    JobFinished done =
        new JobFinished(
            "wf-1",
            2,
            4,
            attempt,
            "Resize",
            ok,
            ok ? JsonNodeFactory.instance.numberNode(7) : null,
            ok ? null : "boom",
            retryable,
            1000,
            2000);
    CompletionRules.Facts facts = new CompletionRules.Facts(done, outputBytes, LIMIT);
    Optional<JobSpec> job =
        maxAttempts.equals("unknown")
            ? Optional.empty()
            : Optional.of(
                new JobSpec(
                    4,
                    "Resize",
                    "Resize",
                    1,
                    Integer.parseInt(maxAttempts),
                    JsonNodeFactory.instance.nullNode(),
                    List.of()));

    assertThat(CompletionRules.needsJob(facts)).as("reads the job").isEqualTo(readsJob);
    assertThat(describe(CompletionRules.decide(facts, job))).startsWith(outcome);
  }

  @ParameterizedTest
  @CsvSource({"true, 7, 1", "true, \"abc\", 5", "false, , 0"})
  void theOutputIsMeasuredAsItsJsonText(boolean ok, String output, int bytes) throws Exception {
    JobFinished done =
        new JobFinished(
            "wf-1",
            1,
            0,
            1,
            "H",
            ok,
            output == null
                ? null
                : new com.fasterxml.jackson.databind.ObjectMapper().readTree(output),
            ok ? null : "boom",
            false,
            0,
            0);
    assertThat(CompletionRules.Facts.of(done, LIMIT).outputBytes()).isEqualTo(bytes);
  }

  private static String describe(JobDecision d) {
    if (d instanceof JobDecision.Record r) {
      return r.result().ok() ? "record ok" : "record " + r.label() + ": " + r.result().error();
    }
    if (d instanceof JobDecision.Retry r) {
      return "retry " + r.next();
    }
    return "drop: " + ((JobDecision.Drop) d).reason();
  }
}
