package io.phaseflow.engine.core;

/**
 * What a start returned: the workflow's id, and whether a workflow with that idempotency key
 * already existed, so nothing was started.
 *
 * @param existed true only for a keyed start whose workflow was already stored; concurrent first
 *     starts with one key may each see false, yet they name one id and one workflow runs
 */
public record StartedWorkflow(String id, boolean existed) {}
