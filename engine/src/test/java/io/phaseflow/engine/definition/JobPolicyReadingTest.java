package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobPolicyReadingTest {
  private final DefinitionLoader loader = new DefinitionLoader();

  private static String withHandler(String handler) {
    return "{\"workflow\":\"w\",\"phases\":{\"a\":{\"is_initial\":true,\"is_final\":true,"
        + "\"handlers\":["
        + handler
        + "]}}}";
  }

  @Test
  void timeoutsAndBackoffAreRead() {
    Definition d = loader.load(Fixtures.fixture("valid", "timeouts"));
    HandlerReference fetcher = d.phases().get("fetch").handlers().get(0);
    assertThat(fetcher.maxAttempts()).isEqualTo(4);
    assertThat(fetcher.policy())
        .isEqualTo(new JobPolicy(7_200_000, 30_000, 1_000, 300_000, 2, 0.2));
    JobPolicy indexer = d.phases().get("fetch").handlers().get(1).policy();
    assertThat(indexer.timeoutMillis()).isEqualTo(500);
    assertThat(indexer.initialMillis()).isZero();
    assertThat(indexer.maxMillis()).isEqualTo(JobPolicy.DEFAULT.maxMillis());
  }

  @Test
  void aTaskHandlerHasItsOwnPolicyAndOthersTheDefault() {
    Definition d = loader.load(Fixtures.fixture("valid", "task-timeouts"));
    assertThat(d.tasks().get(0).handler().policy().timeoutMillis()).isEqualTo(300_000);
    assertThat(d.tasks().get(0).handler().policy().initialMillis()).isEqualTo(2_000);
    assertThat(d.tasks().get(1).handler().policy()).isEqualTo(JobPolicy.DEFAULT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\":\"H\",\"timeout\":\"30 seconds\"} | $.phases.a.handlers[0].timeout | \"5m\"",
        "{\"name\":\"H\",\"timeout\":30} | $.phases.a.handlers[0].timeout | ms, s, m, h or d",
        "{\"name\":\"H\",\"heartbeat_timeout\":\"0s\"} | $.phases.a.handlers[0].heartbeat_timeout"
            + " | above 0",
        "{\"name\":\"H\",\"timeout\":\"1s\",\"heartbeat_timeout\":\"2s\"}"
            + " | $.phases.a.handlers[0].heartbeat_timeout | longer than its 'timeout' (1s)",
        "{\"name\":\"H\",\"backoff\":{\"jitter\":2}} | $.phases.a.handlers[0].backoff.jitter"
            + " | from 0 to 1",
        "{\"name\":\"H\",\"backoff\":{\"initial\":\"1m\",\"max\":\"1s\"}}"
            + " | $.phases.a.handlers[0].backoff.max | shorter than its 'initial' (1m)",
        "{\"name\":\"H\",\"backoff\":{\"factor\":2}} | $.phases.a.handlers[0].backoff.factor"
            + " | unknown key 'factor'",
        "{\"name\":\"H\",\"jobs_per_message\":0} | $.phases.a.handlers[0].jobs_per_message"
            + " | from 1 to 100",
        "{\"name\":\"H\",\"jobs_per_message\":101} | $.phases.a.handlers[0].jobs_per_message"
            + " | from 1 to 100",
        "{\"name\":\"H\",\"jobs_per_message\":2.5} | $.phases.a.handlers[0].jobs_per_message"
            + " | from 1 to 100",
        "{\"name\":\"H\",\"heartbeat_timeout\":\"5s\",\"jobs_per_message\":5}"
            + " | $.phases.a.handlers[0].jobs_per_message | travel one per message",
      })
  void aBadValueIsReportedWhereItIs(String handler, String path, String says) {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class, () -> loader.parse(withHandler(handler), "t.json"));
    assertThat(e).as("rejected").isNotNull();
    assertThat(e.errors())
        .anySatisfy(
            err -> {
              assertThat(err.path()).isEqualTo(path);
              assertThat(err.message() + " " + err.hint()).contains(says);
            });
  }

  @ParameterizedTest
  @CsvSource({
    "'', 1",
    "',\"jobs_per_message\":1', 1",
    "',\"jobs_per_message\":10', 10",
    "',\"jobs_per_message\":100', 100",
    "',\"heartbeat_timeout\":\"5s\",\"jobs_per_message\":1', 1"
  })
  void jobsPerMessageIsReadWithOneByDefault(String more, int expected) {
    Definition d = loader.parse(withHandler("{\"name\":\"H\"" + more + "}"), "t.json");
    assertThat(d.phases().get("a").handlers().get(0).policy().jobsPerMessage()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"500ms,500", "30s,30000", "5m,300000", "2h,7200000", "1d,86400000", "0s,0"})
  void durationsAsPeopleWriteThem(String text, long millis) {
    assertThat(Durations.parseMillis(text)).isEqualTo(millis);
  }

  @ParameterizedTest
  @CsvSource({"500,500ms", "30000,30s", "300000,5m", "1500,1500ms", "7200000,2h"})
  void durationsFormatShortest(long millis, String text) {
    assertThat(Durations.format(millis)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({"30", "5 m", "-1s", "1.5s", "s", "''"})
  void notDurations(String text) {
    assertThat(Durations.parseMillis(text)).isEqualTo(-1);
  }
}
