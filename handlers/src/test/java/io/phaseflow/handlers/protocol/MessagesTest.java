package io.phaseflow.handlers.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.phaseflow.handlers.Job;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message is checked once, where it is decoded: each bad shape of each message type gives a
 * {@link Messages.MalformedMessageException} whose reason names the field.
 */
class MessagesTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String FINISHED =
      "\"workflowId\":\"wf-1\",\"entry\":1,\"job\":0,\"attempt\":1,\"handler\":\"Echo\"";
  private static final String JOB =
      "\"workflowId\":\"wf-1\",\"phase\":\"p\",\"entry\":1,\"job\":0,\"attempt\":1,"
          + "\"handler\":\"Echo\",\"version\":1";

  static Stream<Arguments> badJobFinished() {
    return Stream.of(
        Arguments.of("null", "body is JSON null, expected a JobFinished object"),
        Arguments.of("", "body is empty, expected a JobFinished object"),
        Arguments.of("  ", "body is empty, expected a JobFinished object"),
        Arguments.of("[1]", "body is a JSON array, expected a JobFinished object"),
        Arguments.of("42", "body is a JSON number, expected a JobFinished object"),
        Arguments.of("\"done\"", "body is a JSON string, expected a JobFinished object"),
        Arguments.of("true", "body is a JSON boolean, expected a JobFinished object"),
        Arguments.of("{nope", "not a valid JobFinished message"),
        Arguments.of("{\"entry\":\"one\"}", "not a valid JobFinished message"),
        Arguments.of("{}", "JobFinished without workflowId"),
        Arguments.of("{\"foo\":1}", "JobFinished without workflowId"),
        Arguments.of(
            "{\"workflowId\":\" \",\"entry\":1,\"job\":0,\"attempt\":1,\"handler\":\"E\",\"ok\":true}",
            "JobFinished without workflowId"),
        Arguments.of(
            "{\"workflowId\":\"wf-1\",\"job\":0,\"attempt\":1,\"handler\":\"E\",\"ok\":true}",
            "JobFinished entry is 0 (missing?); expected a phase entry number ≥ 1"),
        Arguments.of(
            "{\"workflowId\":\"wf-1\",\"entry\":1,\"job\":-1,\"attempt\":1,\"handler\":\"E\"}",
            "JobFinished job is -1; expected a job index ≥ 0"),
        Arguments.of(
            "{\"workflowId\":\"wf-1\",\"entry\":1,\"job\":0,\"handler\":\"E\",\"ok\":true}",
            "JobFinished attempt is 0 (missing?); expected an attempt number ≥ 1"),
        Arguments.of(
            "{\"workflowId\":\"wf-1\",\"entry\":1,\"job\":0,\"attempt\":1,\"ok\":true}",
            "JobFinished without handler"),
        Arguments.of("{" + FINISHED + ",\"ok\":false}", "JobFinished ok:false without error"),
        Arguments.of("{" + FINISHED + "}", "JobFinished ok:false without error"),
        Arguments.of(
            "{" + FINISHED + ",\"ok\":false,\"error\":null}", "JobFinished ok:false without error"),
        Arguments.of(
            "{" + FINISHED + ",\"ok\":true,\"startedAt\":-5}",
            "JobFinished startedAt is -5; expected epoch milliseconds ≥ 0"),
        Arguments.of(
            "{" + FINISHED + ",\"ok\":true,\"finishedAt\":-1}",
            "JobFinished finishedAt is -1; expected epoch milliseconds ≥ 0"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badJobFinished")
  void aBadJobFinishedIsMalformedWithAReasonNamingTheField(String body, String reason) {
    assertThatThrownBy(() -> Messages.decode(bytes(body), JobFinished.class))
        .isInstanceOf(Messages.MalformedMessageException.class)
        .hasMessageContaining(reason);
  }

  static Stream<Arguments> badJob() {
    return Stream.of(
        Arguments.of("null", "body is JSON null, expected a Job object"),
        Arguments.of("[]", "body is a JSON array, expected a Job object"),
        Arguments.of("{}", "Job without workflowId"),
        Arguments.of("{\"format\":2}", "Job without workflowId"),
        Arguments.of("{\"format\":2,\"entry\":\"one\"}", "not a valid Job message"),
        Arguments.of(
            "{\"workflowId\":\"w\",\"entry\":1,\"job\":0,\"attempt\":1,\"handler\":\"E\",\"version\":1}",
            "Job without phase"),
        Arguments.of(
            "{\"workflowId\":\"w\",\"phase\":\"p\",\"entry\":1,\"job\":0,\"attempt\":1,\"version\":1}",
            "Job without handler"),
        Arguments.of(
            "{\"workflowId\":\"w\",\"phase\":\"p\",\"job\":0,\"attempt\":1,\"handler\":\"E\",\"version\":1}",
            "Job entry is 0 (missing?); expected a phase entry number ≥ 1"),
        Arguments.of(
            "{\"workflowId\":\"w\",\"phase\":\"p\",\"entry\":1,\"job\":-2,\"attempt\":1,\"handler\":\"E\",\"version\":1}",
            "Job job is -2; expected a job index ≥ 0"),
        Arguments.of(
            "{\"workflowId\":\"w\",\"phase\":\"p\",\"entry\":1,\"job\":0,\"handler\":\"E\",\"version\":1}",
            "Job attempt is 0 (missing?); expected an attempt number ≥ 1"),
        Arguments.of(
            "{\"workflowId\":\"w\",\"phase\":\"p\",\"entry\":1,\"job\":0,\"attempt\":1,\"handler\":\"E\"}",
            "Job version is 0 (missing?); expected a handler major version ≥ 1"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badJob")
  void aBadJobIsMalformedWithAReasonNamingTheField(String body, String reason) {
    assertThatThrownBy(() -> Messages.decode(bytes(body), Job.class))
        .isInstanceOf(Messages.MalformedMessageException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "{\"entry\":1,\"job\":0,\"attempt\":1,\"at\":5} | JobHeartbeat without workflowId",
        "{\"workflowId\":\"w\",\"job\":0,\"attempt\":1} | JobHeartbeat entry is 0 (missing?)",
        "{\"workflowId\":\"w\",\"entry\":1,\"job\":0} | JobHeartbeat attempt is 0 (missing?)",
      })
  void aBadJobHeartbeatIsMalformedWithAReasonNamingTheField(String body, String reason) {
    assertThatThrownBy(() -> Messages.decode(bytes(body), JobHeartbeat.class))
        .isInstanceOf(Messages.MalformedMessageException.class)
        .hasMessageContaining(reason);
  }

  static Stream<Arguments> goodMessages() {
    return Stream.of(
        Arguments.of("{" + FINISHED + ",\"ok\":true}", JobFinished.class),
        Arguments.of("{" + FINISHED + ",\"ok\":true,\"output\":null}", JobFinished.class),
        Arguments.of("{" + FINISHED + ",\"ok\":false,\"error\":\"\"}", JobFinished.class),
        Arguments.of(
            "{" + FINISHED + ",\"ok\":false,\"error\":\"x\",\"newer\":1}", JobFinished.class),
        Arguments.of("{" + JOB + "}", Job.class),
        Arguments.of("{\"format\":1," + JOB + "}", Job.class),
        Arguments.of("{" + JOB + ",\"format\":2}", Job.class),
        Arguments.of("{\"format\":2," + FINISHED + ",\"ok\":true}", JobFinished.class),
        Arguments.of("{" + JOB + ",\"payload\":[1],\"data\":{},\"inputs\":{}}", Job.class),
        Arguments.of("{" + JOB + ",\"heartbeatMillis\":1000}", Job.class),
        Arguments.of(
            "{\"workflowId\":\"w\",\"entry\":1,\"job\":0,\"attempt\":2,\"at\":5}",
            JobHeartbeat.class));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("goodMessages")
  void wellFormedMessagesDecode(String body, Class<?> type) {
    assertThat(Messages.decode(bytes(body), type)).isNotNull();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("goodMessages")
  void whatTheRunnerAndTheEngineEncodeDecodesAgain(String body, Class<?> type) {
    Object message = Messages.decode(bytes(body), type);
    assertThat(Messages.decode(Messages.encode(message), type)).isEqualTo(message);
  }

  static Stream<Arguments> formats() {
    String tooNew = " is newer than this Phaseflow reads (up to 2); upgrade the handler runner";
    String expected = "; expected a message format number from 1 to 2";
    return Stream.of(
        Arguments.of(null, null),
        Arguments.of("1", null),
        Arguments.of("2", null),
        Arguments.of("2.0", null),
        Arguments.of("3", "Job message format 3" + tooNew),
        Arguments.of("99", "Job message format 99" + tooNew),
        Arguments.of("0", "Job format is 0" + expected),
        Arguments.of("-1", "Job format is -1" + expected),
        Arguments.of("1.5", "Job format is 1.5" + expected),
        Arguments.of("\"2\"", "Job format is \"2\"" + expected),
        Arguments.of("null", "Job format is null" + expected),
        Arguments.of("4294967298", "Job format is 4294967298" + expected));
  }

  @ParameterizedTest(name = "[{index}] format {0}")
  @MethodSource("formats")
  void theFormatRuleTakesEveryFormatUpToTheCurrentOne(String format, String reason)
      throws Exception {
    JsonNode node = format == null ? null : JSON.readTree(format);
    assertThat(MessageRules.format("Job", node, "the handler runner")).isEqualTo(reason);
  }

  @ParameterizedTest(name = "[{index}] format {0}")
  @MethodSource("formats")
  void decodingAppliesTheFormatRuleWhereverTheFieldIs(String format, String reason) {
    String field = format == null ? "" : "\"format\":" + format;
    String first = "{" + field + (format == null ? "" : ",") + JOB + "}";
    String last = "{" + JOB + (format == null ? "" : ",") + field + "}";
    for (String body : List.of(first, last)) {
      if (reason == null) {
        assertThat(Messages.decode(bytes(body), Job.class)).as(body).isNotNull();
      } else {
        assertThatThrownBy(() -> Messages.decode(bytes(body), Job.class))
            .as(body)
            .isInstanceOf(Messages.MalformedMessageException.class)
            .hasMessage(reason);
      }
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("goodMessages")
  void everyEncodedBodyStartsWithTheCurrentFormat(String body, Class<?> type) {
    byte[] encoded = Messages.encode(Messages.decode(bytes(body), type));
    assertThat(new String(encoded, StandardCharsets.UTF_8))
        .startsWith("{\"format\":" + Messages.FORMAT + ",\"workflowId\":");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @org.junit.jupiter.api.Test
  void aBatchIsTheArrayOfItsJobsEachDecodedAsOne() {
    Job a = new Job("wf-1", "p", 1, 0, 1, "Echo", 1, null, null, null);
    Job b = new Job("wf-1", "p", 1, 1, 2, "Echo", 1, null, null, null);

    assertThat(Messages.decodeJobs(Messages.batch(List.of(Messages.encode(a), Messages.encode(b)))))
        .containsExactly(a, b);
    assertThat(Messages.decodeJobs(Messages.encode(a))).as("a single job").containsExactly(a);
  }

  static Stream<Arguments> badBatches() {
    return Stream.of(
        Arguments.of("[]", "body is an empty JSON array, expected Job objects"),
        Arguments.of("[1]", "job [0] of the batch: a JSON number, expected a Job object"),
        Arguments.of("[{" + JOB + "},{}]", "job [1] of the batch: Job without workflowId"),
        Arguments.of("[{" + JOB + "}", "not a valid batch of Job messages"));
  }

  @ParameterizedTest
  @MethodSource("badBatches")
  void aBadBatchIsMalformedNamingTheJob(String body, String reason) {
    assertThatThrownBy(() -> Messages.decodeJobs(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Messages.MalformedMessageException.class)
        .hasMessageContaining(reason);
  }
}
