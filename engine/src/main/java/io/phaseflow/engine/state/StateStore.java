package io.phaseflow.engine.state;

/**
 * A backend of workflow state, in memory for the embedded mode or Redis for a cluster: both ports
 * over one set of data, and the resources behind them. The engine takes steps and reads what it
 * steps on, so it holds the whole store; the CLI, HTTP API, dashboard and inspection hold only its
 * {@link WorkflowReads}. Implementations are thread-safe.
 */
public interface StateStore extends WorkflowSteps, WorkflowReads, AutoCloseable {
  /** How long a finished workflow stays readable, unless configured otherwise. */
  java.time.Duration DEFAULT_RETENTION = java.time.Duration.ofDays(7);

  /** The steps on attempts' deadlines and backoff, over the same data. */
  AttemptSteps attempts();

  /** The namespace's handler limits and their leases. */
  HandlerLimits limits();

  @Override
  void close();
}
