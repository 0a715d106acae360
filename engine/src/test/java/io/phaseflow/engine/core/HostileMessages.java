package io.phaseflow.engine.core;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.handlers.protocol.Queues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Bodies an engine can never process, as a forger or a broken client would publish them, each with
 * the queue it is published to and the reason its dead letter must give; and the check that every
 * one was dead-lettered once, shared by the embedded and the RabbitMQ test.
 */
final class HostileMessages {
  /** One hostile message. */
  record Case(String queue, String body, String reason) {
    byte[] bytes() {
      return body.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The id of the forged start that lacks its data and creation time. */
  static final String FORGED_ID = "forged-x";

  /** The id of the start written in a newer message format. */
  static final String NEWER_ID = "newer-x";

  static final List<Case> ALL =
      List.of(
          new Case(Queues.JOB_FINISHED, "null", "body is JSON null, expected a JobFinished object"),
          new Case(Queues.JOB_FINISHED, "{\"foo\":1}", "JobFinished without workflowId"),
          new Case(
              Queues.JOB_FINISHED,
              "{\"workflowId\":\"wf-x\",\"entry\":1,\"job\":0,\"attempt\":1,\"handler\":\"W\","
                  + "\"ok\":false}",
              "JobFinished ok:false without error"),
          new Case(Queues.JOB_FINISHED, "[1,2]", "body is a JSON array, expected a JobFinished"),
          new Case(
              Queues.PHASE_FINISHED, "null", "body is JSON null, expected a PhaseFinished object"),
          new Case(Queues.PHASE_FINISHED, "{\"entry\":1}", "PhaseFinished without workflowId"),
          new Case(
              Queues.WORKFLOW_START,
              "{\"id\":\"" + FORGED_ID + "\",\"definition\":\"w1\",\"version\":1}",
              "WorkflowStart without data"),
          new Case(
              Queues.WORKFLOW_START,
              "{\"id\":\"forged-y\",\"definition\":\"nosuch\",\"version\":1,\"data\":{},"
                  + "\"createdAt\":1}",
              "definition 'nosuch' has no version 1"),
          new Case(Queues.WORKFLOW_START, "42", "body is a JSON number, expected a WorkflowStart"),
          // From a newer Phaseflow: well-formed today, but this engine would misread it.
          new Case(
              Queues.WORKFLOW_START,
              "{\"format\":3,\"id\":\""
                  + NEWER_ID
                  + "\",\"definition\":\"w1\",\"version\":1,"
                  + "\"data\":{},\"createdAt\":1}",
              "WorkflowStart message format 3 is newer than this Phaseflow reads (up to 2); "
                  + "upgrade the engine"),
          new Case(
              Queues.JOB_FINISHED,
              "{\"format\":3,\"workflowId\":\"wf-x\",\"entry\":1,\"job\":0,\"attempt\":1,"
                  + "\"handler\":\"W\",\"ok\":true}",
              "JobFinished message format 3 is newer than this Phaseflow reads (up to 2)"),
          new Case(
              Queues.PHASE_FINISHED,
              "{\"workflowId\":\"wf-x\",\"entry\":1,\"format\":7}",
              "PhaseFinished message format 7 is newer than this Phaseflow reads (up to 2)"),
          new Case(
              Queues.PHASE_FINISHED,
              "{\"format\":\"two\",\"workflowId\":\"wf-x\",\"entry\":1}",
              "PhaseFinished format is \"two\"; expected a message format number from 1 to 2"));

  /** The definition the forged start names: loaded, so only the check at the edge stops it. */
  static final Plan W1 =
      CompiledDefinition.compile(workflow("w1").initial("a", "done", null).end("done").build());

  /** Long enough for a looping message to be delivered again many times over. */
  static final long SETTLE_MILLIS = 1500;

  /** A dead letter as a test reads it: where it came from, what it was, and why. */
  record Letter(String queue, String body, String reason) {}

  static void assertEachOnceWithItsReason(
      List<Letter> letters, java.util.function.UnaryOperator<String> queueName) {
    assertThat(letters).hasSize(HostileMessages.ALL.size());
    for (HostileMessages.Case c : HostileMessages.ALL) {
      assertThat(letters)
          .as(c.body() + " on " + c.queue())
          .filteredOn(
              l -> l.queue().equals(queueName.apply(c.queue())) && l.body().equals(c.body()))
          .singleElement()
          .satisfies(l -> assertThat(l.reason()).contains(c.reason()));
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  private HostileMessages() {}
}
