package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.handlers.protocol.MessageBus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wide entry's jobs go out in chunks: each chunk's deadlines armed before its messages. */
class JobDispatcherChunksTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final List<String> steps = new ArrayList<>();

  private final MessageBus bus =
      new MessageBus() {
        @Override
        public void publish(String queue, byte[] body) {
          throw new AssertionError("jobs go out with publishAll");
        }

        @Override
        public void publishAll(List<Message> messages) {
          steps.add("publish " + messages.size());
        }

        @Override
        public Subscription consume(String queue, int concurrency, Consumer consumer) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
      };

  /** The store's attempt steps, noting each arm. */
  private final AttemptSteps attempts =
      new AttemptSteps() {
        private final AttemptSteps real = store.attempts();

        @Override
        public void arm(String workflowId, int entry, List<Deadline> deadlines) {
          steps.add("arm " + deadlines.size());
          real.arm(workflowId, entry, deadlines);
        }

        @Override
        public boolean heartbeat(Attempt attempt, long deadline) {
          return real.heartbeat(attempt, deadline);
        }

        @Override
        public List<Attempt> expired(long now, int limit) {
          return real.expired(now, limit);
        }

        @Override
        public io.phaseflow.engine.state.WorkflowSteps.Retried retry(
            Attempt failed, io.phaseflow.engine.state.RetriedAttempt what, long dueAt) {
          return real.retry(failed, what, dueAt);
        }

        @Override
        public boolean defer(Attempt attempt, long dueAt) {
          return real.defer(attempt, dueAt);
        }

        @Override
        public List<Attempt> due(long now, int limit) {
          return real.due(now, limit);
        }

        @Override
        public boolean release(Attempt attempt, long now, long deadline) {
          return real.release(attempt, now, deadline);
        }

        @Override
        public void owe(Attempt owed, long dueAt) {
          real.owe(owed, dueAt);
        }

        @Override
        public boolean settle(Attempt owed) {
          return real.settle(owed);
        }

        @Override
        public void disarm(Attempt attempt) {
          real.disarm(attempt);
        }
      };

  @Test
  void aWideEntrysJobsAreArmedAndPublishedAChunkAtATime() {
    int n = 2 * JobDispatcher.CHUNK + 500;
    List<JobSpec> jobs = new ArrayList<>();
    List<JobRecord> ready = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JobSpec j =
          new JobSpec(i, "Fan", "Fan", 1, 3, JsonNodeFactory.instance.numberNode(i), List.of());
      jobs.add(j);
      ready.add(new JobRecord(j, JobStatus.READY, 1, null, null));
    }
    WorkflowRecord wf =
        WorkflowRecord.created("w", "wf", 1, JsonNodeFactory.instance.objectNode(), 1000)
            .moved("a", 1, io.phaseflow.engine.state.WorkflowStatus.RUNNING, false, 1000);
    store.start(wf, new NewEntry(1, "a", jobs, null));

    new JobDispatcher(store, attempts, bus, Clock.systemUTC())
        .dispatch(wf, 1, "a", ready, JsonNodeFactory.instance.objectNode());

    assertThat(steps)
        .containsExactly(
            "arm 1000", "publish 1000", "arm 1000", "publish 1000", "arm 500", "publish 500");
  }
}
