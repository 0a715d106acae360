package io.phaseflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.definition.DefinitionError;
import io.phaseflow.engine.definition.DefinitionException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorKindTest {
  record Row(
      PhaseflowException error, ErrorKind kind, int httpStatus, int exitCode, boolean retry) {}

  /** The README's "Errors" table; the CLI's exit codes 2, 3 and 4 and the API's statuses. */
  static final List<Row> TABLE =
      List.of(
          new Row(
              new InvalidDefinition("no initial phase"),
              ErrorKind.INVALID_DEFINITION,
              400,
              2,
              false),
          new Row(new NotFound("no workflow 'x'"), ErrorKind.NOT_FOUND, 404, 2, false),
          new Row(new RejectedInput("--count 0"), ErrorKind.REJECTED_INPUT, 400, 2, false),
          new Row(new StateConflict("other content"), ErrorKind.STATE_CONFLICT, 409, 2, false),
          new Row(new ServerUnavailable("Redis down"), ErrorKind.SERVER_UNAVAILABLE, 503, 4, true),
          new Row(new TimedOut("still running"), ErrorKind.TIMED_OUT, 504, 3, true));

  @Test
  void eachKindHasOneStatusOneExitCodeAndItsRetryability() {
    for (Row row : TABLE) {
      assertThat(row.error().kind()).as(row.toString()).isEqualTo(row.kind());
      assertThat(row.kind().httpStatus()).as(row.toString()).isEqualTo(row.httpStatus());
      assertThat(row.kind().exitCode()).as(row.toString()).isEqualTo(row.exitCode());
      assertThat(row.error().retryable()).as(row.toString()).isEqualTo(row.retry());
    }
    assertThat(TABLE.stream().map(Row::kind)).containsExactlyInAnyOrder(ErrorKind.values());
  }

  @Test
  void everySubclassOfTheFamilyIsOneKind() {
    assertThat(
            Arrays.stream(PhaseflowException.class.getPermittedSubclasses())
                .map(Class::getSimpleName))
        .containsExactlyInAnyOrder(
            "InvalidDefinition",
            "NotFound",
            "RejectedInput",
            "StateConflict",
            "ServerUnavailable",
            "TimedOut");
  }

  @Test
  void aDefinitionsLocatedErrorsAreAnInvalidDefinition() {
    DefinitionException e =
        new DefinitionException(
            List.of(
                new DefinitionError(
                    "flow.json", "$.phases.a", "unknown phase 'b'", "name a phase")));

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_DEFINITION);
    assertThat(e.errors()).hasSize(1);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void theCauseIsKept() {
    Exception cause = new java.io.IOException("Connection refused");

    assertThat(new ServerUnavailable("cannot reach Redis", cause)).hasCause(cause);
  }
}
