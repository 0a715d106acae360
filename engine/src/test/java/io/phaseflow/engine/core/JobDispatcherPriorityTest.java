package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Priority;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job is published on its handler's queue of its workflow's priority. */
class JobDispatcherPriorityTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final List<String> queues = new ArrayList<>();

  private final MessageBus bus =
      new MessageBus() {
        @Override
        public void publish(String queue, byte[] body) {
          queues.add(queue);
        }

        @Override
        public Subscription consume(String queue, int concurrency, Consumer consumer) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
      };

  @Test
  void eachPriorityGoesToItsQueue() {
    Map<Priority, String> expected =
        Map.of(
            Priority.HIGH, "phaseflow.handler.Fan.v2.high",
            Priority.NORMAL, "phaseflow.handler.Fan.v2",
            Priority.LOW, "phaseflow.handler.Fan.v2.low");
    expected.forEach(
        (priority, queue) -> {
          queues.clear();
          dispatchTwoJobs("w-" + priority.wire(), priority);
          assertThat(queues).as(priority.name()).containsExactly(queue, queue);
        });
  }

  private void dispatchTwoJobs(String id, Priority priority) {
    List<JobSpec> jobs = new ArrayList<>();
    List<JobRecord> ready = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JobSpec j =
          new JobSpec(i, "Fan", "Fan", 2, 3, JsonNodeFactory.instance.numberNode(i), List.of());
      jobs.add(j);
      ready.add(new JobRecord(j, JobStatus.READY, 1, null, null));
    }
    WorkflowRecord wf =
        WorkflowRecord.created(id, "wf", 1, JsonNodeFactory.instance.objectNode(), 1000, priority)
            .moved("a", 1, WorkflowStatus.RUNNING, false, 1000);
    store.start(wf, new NewEntry(1, "a", jobs, null));

    new JobDispatcher(store, store.attempts(), bus, Clock.systemUTC())
        .dispatch(wf, 1, "a", ready, JsonNodeFactory.instance.objectNode());
  }
}
