/**
 * What a handler author needs to run work for Phaseflow, and nothing of the engine: the {@link
 * io.phaseflow.handlers.Handler} interface, the {@link io.phaseflow.handlers.Job} and {@link
 * io.phaseflow.handlers.protocol.JobFinished} messages with their {@link
 * io.phaseflow.handlers.protocol.Messages wire format}, the {@link
 * io.phaseflow.handlers.protocol.MessageBus} they travel on and the {@link
 * io.phaseflow.handlers.HandlerRunner} that deploys handler instances on their queues.
 *
 * <p>A handler fails a job by returning {@link io.phaseflow.handlers.JobResult#failure} or throwing
 * {@link io.phaseflow.handlers.JobFailedException}; a non-retryable failure sends the phase to its
 * error transition at once, any other exception is retried.
 */
package io.phaseflow.handlers;
