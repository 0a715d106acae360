package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.definition.JobPolicy;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ready jobs of one dispatch share messages per queue, up to their handler's {@code
 * jobs_per_message}, as a table: each job is {@code Handler/N} (repeated with {@code *count}), each
 * published message {@code Handler:jobs} (a single job object as {@code Handler:1}).
 */
class JobDispatcherBatchesTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final List<MessageBus.Message> published = new ArrayList<>();
  private final MessageBus bus =
      new MessageBus() {
        @Override
        public void publish(String queue, byte[] body) {
          throw new AssertionError("jobs go out with publishAll");
        }

        @Override
        public void publishAll(List<Message> messages) {
          published.addAll(messages);
        }

        @Override
        public Subscription consume(String queue, int concurrency, Consumer consumer) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
      };

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "A/1*3           | A:1 A:1 A:1",
        "A/10*25         | A:10 A:10 A:5",
        "A/10*10         | A:10",
        "A/10*1          | A:1",
        "A/3 B/3 A/3 B/3 A/3 B/3 A/3 | A:3 B:3 A:1",
        "A/2*3 B/1*2     | A:2 B:1 B:1 A:1",
        "Beat/1*3 A/5*3  | Beat:1 Beat:1 Beat:1 A:3",
      })
  void jobsForOneQueueShareMessagesUpToTheirHandlersJobsPerMessage(String jobs, String messages) {
    List<JobRecord> ready = new ArrayList<>();
    for (String token : jobs.trim().split("\\s+")) {
      String[] times = token.split("\\*");
      String[] handlerAndN = times[0].split("/");
      int count = times.length > 1 ? Integer.parseInt(times[1]) : 1;
      for (int i = 0; i < count; i++) {
        ready.add(job(ready.size(), handlerAndN[0], Integer.parseInt(handlerAndN[1])));
      }
    }

    dispatch(ready);

    List<String> shapes = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (MessageBus.Message m : published) {
      List<Job> in = Messages.decodeJobs(m.body());
      String handler = in.get(0).handler();
      assertThat(m.queue()).endsWith("." + handler + ".v1");
      assertThat(in).as("never mixed").allMatch(j -> j.handler().equals(handler));
      boolean array = m.body()[0] == '[';
      assertThat(array).as("a single job travels as itself, unchanged").isEqualTo(in.size() > 1);
      shapes.add(handler + ":" + in.size());
      in.forEach(j -> indexes.add(j.job()));
    }
    assertThat(String.join(" ", shapes)).isEqualTo(messages);
    assertThat(indexes).as("every job once").hasSize(ready.size()).doesNotHaveDuplicates();
  }

  @Test
  void jobsWithHeartbeatsCannotShareAMessage() {
    assertThatThrownBy(() -> new JobPolicy(60_000, 5_000, 1_000, 60_000, 2, 0.2, 2))
        .hasMessageContaining("jobs with heartbeats travel one per message");
  }

  private void dispatch(List<JobRecord> ready) {
    WorkflowRecord wf =
        WorkflowRecord.created("w", "wf", 1, JsonNodeFactory.instance.objectNode(), 1000)
            .moved("a", 1, io.phaseflow.engine.state.WorkflowStatus.RUNNING, false, 1000);
    store.start(wf, new NewEntry(1, "a", ready.stream().map(JobRecord::spec).toList(), null));
    new JobDispatcher(store, store.attempts(), bus, Clock.systemUTC())
        .dispatch(wf, 1, "a", ready, JsonNodeFactory.instance.objectNode());
  }

  private static JobRecord job(int index, String handler, int perMessage) {
    JobPolicy policy =
        handler.equals("Beat")
            ? new JobPolicy(60_000, 5_000, 1_000, 60_000, 2, 0.2)
            : JobPolicy.DEFAULT.withJobsPerMessage(perMessage);
    JobSpec spec =
        new JobSpec(
            index,
            handler,
            handler,
            1,
            3,
            JsonNodeFactory.instance.numberNode(index),
            List.of(),
            policy);
    return new JobRecord(spec, JobStatus.READY, 1, null, null);
  }
}
