/**
 * The job protocol between the engine and handler instances: queue names ({@link
 * io.phaseflow.handlers.protocol.Queues}), the wire format of {@link io.phaseflow.handlers.Job} and
 * {@link io.phaseflow.handlers.protocol.JobFinished} with its checks ({@link
 * io.phaseflow.handlers.protocol.Messages}), the {@link io.phaseflow.handlers.protocol.MessageBus}
 * port they travel on, and {@link io.phaseflow.handlers.protocol.BusJobSource}, which serves a
 * {@link io.phaseflow.handlers.HandlerRunner}'s jobs over that bus. The engine and its transports
 * use it; handler code does not need it.
 */
package io.phaseflow.handlers.protocol;
