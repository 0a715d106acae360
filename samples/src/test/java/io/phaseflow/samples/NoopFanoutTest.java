package io.phaseflow.samples;

import static io.phaseflow.samples.TestJobs.job;
import static io.phaseflow.samples.TestJobs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.handlers.PhaseContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoopFanoutTest {
  private final NoopFanout fanout = new NoopFanout();

  private List<JsonNode> jobs(String data) {
    return fanout.jobs(new PhaseContext("wf", "fan", json(data), json("{}")));
  }

  @ParameterizedTest(name = "{0} -> {1} jobs")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"jobs": 0}    | 0
          {"jobs": 1}    | 1
          {"jobs": 10}   | 10
          {"jobs": 1000} | 1000
          """)
  void enumeratesDataJobsJobsNumberedFromZero(String data, int expected) {
    List<JsonNode> jobs = jobs(data);

    assertThat(jobs).hasSize(expected);
    for (int i = 0; i < jobs.size(); i++) {
      assertThat(jobs.get(i).intValue()).isEqualTo(i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {}              | none
          {"jobs": -1}    | -1
          {"jobs": 2.5}   | 2.5
          {"jobs": "10"}  | "10"
          {"jobs": 1e12}  | 1.0E12
          """)
  void refusesAnythingButAWholeNumberNamingWhatItGot(String data, String got) {
    assertThatThrownBy(() -> jobs(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data.jobs")
        .hasMessageContaining("got " + got + ";");
  }

  @Test
  void eachJobSucceedsWithANullOutput() throws Exception {
    assertThat(job(fanout).payload("7").data("{\"jobs\": 10}").runOn(fanout))
        .isEqualTo(NullNode.getInstance());
  }
}
