package io.phaseflow.engine.core;

import io.phaseflow.handlers.protocol.Messages;

/**
 * The message the JobFinished monitor sends when a phase entry closed. It only points at the entry:
 * what happened in it is read from the state store, which is the truth.
 */
record PhaseFinished(String workflowId, int entry) {
  /**
   * Decodes and checks a body from the phase-finished queue.
   *
   * @throws Messages.MalformedMessageException naming what is wrong
   */
  static PhaseFinished decode(byte[] body) {
    return Messages.decode(body, PhaseFinished.class, EngineMessageRules::phaseFinished);
  }
}
