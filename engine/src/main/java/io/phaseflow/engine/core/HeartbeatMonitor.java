package io.phaseflow.engine.core;

import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.handlers.protocol.JobHeartbeat;
import io.phaseflow.handlers.protocol.Messages;
import java.time.Clock;
import java.util.Optional;

/**
 * Consumes JobHeartbeat: moves the attempt's deadline to its heartbeat timeout (or, without one,
 * its timeout) from now, only while it is the current attempt, so a heartbeat of an attempt that
 * ended or timed out changes nothing. Thread-safe.
 */
final class HeartbeatMonitor {
  private final StateStore store;
  private final Clock clock;
  private final HandlerGate gate;

  HeartbeatMonitor(StateStore store, Clock clock, HandlerGate gate) {
    this.store = store;
    this.clock = clock;
    this.gate = gate;
  }

  void onMessage(byte[] body) {
    JobHeartbeat beat = Messages.decode(body, JobHeartbeat.class);
    Optional<JobRecord> job = store.job(beat.workflowId(), beat.entry(), beat.job());
    if (job.isEmpty() || job.get().attempt() != beat.attempt()) {
      return; // an attempt that is not current has no deadline to move
    }
    var policy = job.get().spec().policy();
    long extension =
        policy.heartbeatMillis() > 0 ? policy.heartbeatMillis() : policy.timeoutMillis();
    AttemptSteps.Attempt a =
        new AttemptSteps.Attempt(beat.workflowId(), beat.entry(), beat.job(), beat.attempt());
    long deadline = clock.millis() + extension;
    if (store.attempts().heartbeat(a, deadline)) {
      gate.extend(a, job.get().spec().handler(), job.get().spec().version(), deadline);
    }
  }
}
