package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.handlers.protocol.Messages;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine's own messages are checked where they are decoded, as the handler messages are. */
class EngineMessagesTest {
  static Stream<Arguments> badStarts() {
    return Stream.of(
        Arguments.of("null", "body is JSON null, expected a WorkflowStart object"),
        Arguments.of("[]", "body is a JSON array, expected a WorkflowStart object"),
        Arguments.of("{}", "WorkflowStart without id"),
        Arguments.of(
            "{\"id\":\"x\",\"definition\":\"w1\",\"version\":1}",
            "WorkflowStart without data (the workflow's input, a JSON object)"),
        Arguments.of(
            "{\"id\":\"x\",\"definition\":\"w1\",\"version\":1,\"data\":{}}",
            "WorkflowStart createdAt is 0 (missing?); expected epoch milliseconds ≥ 1"),
        Arguments.of(
            "{\"id\":\"x\",\"definition\":\"w1\",\"version\":1,\"data\":[],\"createdAt\":5}",
            "WorkflowStart data is an array, expected a JSON object"),
        Arguments.of(
            "{\"id\":\"x\",\"definition\":\"w1\",\"version\":1,\"data\":null,\"createdAt\":5}",
            "WorkflowStart without data"),
        Arguments.of(
            "{\"id\":\"x\",\"version\":1,\"data\":{},\"createdAt\":5}",
            "WorkflowStart without definition"),
        Arguments.of(
            "{\"id\":\"x\",\"definition\":\"w1\",\"data\":{},\"createdAt\":5}",
            "WorkflowStart version is 0 (missing?); expected a definition version ≥ 1"),
        Arguments.of(
            "{\"id\":\"a}b\",\"definition\":\"w1\",\"version\":1,\"data\":{},\"createdAt\":5}",
            "WorkflowStart id 'a}b' is not 1 to 64 letters, digits, '.', '_' or '-'"),
        Arguments.of(
            "{\"id\":\""
                + "x".repeat(65)
                + "\",\"definition\":\"w\",\"version\":1,\"data\":{},"
                + "\"createdAt\":5}",
            "is not 1 to 64 letters, digits"),
        Arguments.of(
            "{\"id\":\"x\",\"definition\":\"w1\",\"version\":1,\"data\":{},\"createdAt\":5,"
                + "\"priority\":\"urgent\"}",
            "WorkflowStart unknown priority 'urgent'; expected one of high, normal, low"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badStarts")
  void aBadStartIsMalformedWithAReasonNamingTheField(String body, String reason) {
    assertThatThrownBy(() -> WorkflowStart.decode(bytes(body)))
        .isInstanceOf(Messages.MalformedMessageException.class)
        .hasMessageContaining(reason);
  }

  static Stream<Arguments> badPhaseFinished() {
    return Stream.of(
        Arguments.of("null", "body is JSON null, expected a PhaseFinished object"),
        Arguments.of("7", "body is a JSON number, expected a PhaseFinished object"),
        Arguments.of("{}", "PhaseFinished without workflowId"),
        Arguments.of("{\"entry\":2}", "PhaseFinished without workflowId"),
        Arguments.of(
            "{\"workflowId\":\"w\"}",
            "PhaseFinished entry is 0 (missing?); expected a phase entry number ≥ 1"),
        Arguments.of(
            "{\"workflowId\":\"w\",\"entry\":-3}",
            "PhaseFinished entry is -3; expected a phase entry number ≥ 1"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badPhaseFinished")
  void aBadPhaseFinishedIsMalformedWithAReasonNamingTheField(String body, String reason) {
    assertThatThrownBy(() -> PhaseFinished.decode(bytes(body)))
        .isInstanceOf(Messages.MalformedMessageException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("goodMessages")
  void whatTheEngineSendsDecodesAgain(Object message) {
    byte[] body = Messages.encode(message);
    Object decoded =
        message instanceof WorkflowStart ? WorkflowStart.decode(body) : PhaseFinished.decode(body);
    assertThat(decoded).isEqualTo(message);
  }

  static Stream<Object> goodMessages() {
    var data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    return Stream.of(
        new WorkflowStart(new WorkflowIds(java.time.Clock.systemUTC()).next(), "w", 1, data, 1),
        new WorkflowStart("A.b_c-9", "search", 12, data.put("q", "x"), 1_700_000_000_000L),
        new PhaseFinished("wf-1", 1));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
