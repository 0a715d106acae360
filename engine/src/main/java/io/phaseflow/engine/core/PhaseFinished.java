package io.phaseflow.engine.core;

/**
 * The message the JobFinished monitor sends when a phase entry closed. It only points at the entry:
 * what happened in it is read from the state store, which is the truth.
 */
record PhaseFinished(String workflowId, int entry) {}
