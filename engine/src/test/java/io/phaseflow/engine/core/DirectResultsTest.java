package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.handlers.protocol.JobFinished;
import io.phaseflow.handlers.protocol.MessageBus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a handler process in direct mode does with each kind of result: records the common case
 * itself and hands the engine what needs it, each exactly once in the store however often repeated.
 */
class DirectResultsTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final List<String> sent = new ArrayList<>();
  private final MessageBus bus =
      new MessageBus() {
        @Override
        public void publish(String queue, byte[] body) {
          sent.add(queue);
        }

        @Override
        public Subscription consume(String queue, int concurrency, Consumer consumer) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
      };
  private final DirectResults results = new DirectResults(store, bus, 100);

  private void start(JobSpec... jobs) {
    WorkflowRecord wf =
        WorkflowRecord.created(
            "w", "wf", 1, JsonNodeFactory.instance.objectNode(), System.currentTimeMillis());
    store.start(wf, new NewEntry(1, "a", List.of(jobs), null));
  }

  private static JobSpec job(int index, Integer... parents) {
    return new JobSpec(index, "T" + index, "H", 1, 3, null, List.of(parents));
  }

  private static JobFinished ok(int job, String output) {
    return new JobFinished(
        "w",
        1,
        job,
        1,
        "H",
        true,
        output == null ? null : JsonNodeFactory.instance.textNode(output),
        null,
        false,
        2000,
        2100);
  }

  @Test
  void successesAreRecordedHereAndTheLastClosesTheEntryWithAPhaseFinished() {
    start(job(0), job(1));
    results.finished(ok(0, "a"));
    assertThat(sent).as("a success that neither closes nor readies sends nothing").isEmpty();
    results.finished(ok(1, "b"));
    assertThat(sent).containsExactly("phaseflow.phase-finished");

    results.finished(ok(1, "b")); // a redelivered job run again
    assertThat(sent).containsExactly("phaseflow.phase-finished", "phaseflow.phase-finished");
    assertThat(store.jobs("w", 1))
        .extracting(j -> j.status() + " " + j.attempt() + " " + j.output().asText())
        .containsExactly("SUCCEEDED 1 a", "SUCCEEDED 1 b");
    assertThat(store.entry("w", 1).orElseThrow().closed()).isTrue();
  }

  @Test
  void aSuccessThatReadiesJobsGoesToTheEngineToDispatchThem() {
    start(job(0), job(1, 0));
    results.finished(ok(0, "a"));
    assertThat(sent).containsExactly("phaseflow.job-finished");
    assertThat(store.job("w", 1, 1).orElseThrow().status()).isEqualTo(JobStatus.READY);
  }

  @Test
  void failuresAndOversizeOutputsGoToTheEngineUnrecorded() {
    start(job(0), job(1));
    results.finished(new JobFinished("w", 1, 0, 1, "H", false, null, "boom", true, 2000, 2100));
    results.finished(ok(1, "x".repeat(200)));
    assertThat(sent).containsExactly("phaseflow.job-finished", "phaseflow.job-finished");
    assertThat(store.jobs("w", 1)).allMatch(j -> j.status() == JobStatus.READY);
  }

  @Test
  void aBatchIsRecordedTogetherAndSendsWhatTheSameResultsOneByOneWould() {
    start(job(0), job(1), job(2, 1), job(3));
    results.finishedAll(
        List.of(
            ok(0, "a"),
            ok(1, "b"), // readies job 2
            new JobFinished("w", 1, 3, 1, "H", false, null, "boom", true, 2000, 2100),
            ok(0, "a"))); // a repeat within the batch
    assertThat(sent)
        .as("the failure and the success that readied a job, published together")
        .containsExactlyInAnyOrder("phaseflow.job-finished", "phaseflow.job-finished");
    assertThat(store.jobs("w", 1))
        .extracting(j -> j.status().toString())
        .containsExactly("SUCCEEDED", "SUCCEEDED", "READY", "READY");

    sent.clear();
    results.finishedAll(List.of(ok(3, "d"), ok(2, "c"), ok(3, "d")));
    assertThat(sent)
        .as("the entry closed: one PhaseFinished")
        .containsExactly("phaseflow.phase-finished");
    assertThat(store.entry("w", 1).orElseThrow().closed()).isTrue();
  }
}
