package io.phaseflow.engine.core;

import io.phaseflow.handlers.Queues;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bodies an engine can never process, as a forger or a broken client would publish them, each with
 * the queue it is published to and the reason its dead letter must give.
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
          new Case(Queues.WORKFLOW_START, "42", "body is a JSON number, expected a WorkflowStart"));

  private HostileMessages() {}
}
