/**
 * What a handler author needs to run work for Phaseflow, and nothing of the engine or of how jobs
 * travel: the {@link io.phaseflow.handlers.Handler} interface, the {@link
 * io.phaseflow.handlers.Job} it is given and the {@link io.phaseflow.handlers.JobResult} it
 * returns, the {@link io.phaseflow.handlers.HandlerRegistry} and the {@link
 * io.phaseflow.handlers.HandlerRunner} that deploys handler instances on a {@link
 * io.phaseflow.handlers.JobSource}. Queues, messages and the bus are the job protocol's ({@code
 * io.phaseflow.handlers.protocol}), which depends on this package and never the other way round.
 *
 * <p>A handler fails a job by returning {@link io.phaseflow.handlers.JobResult#failure} or throwing
 * {@link io.phaseflow.handlers.JobFailedException}; a non-retryable failure sends the phase to its
 * error transition at once, any other exception is retried.
 */
package io.phaseflow.handlers;
