package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowSteps;
import io.phaseflow.handlers.JobResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many threads' completions recorded in shared batches, each exactly once, each its own outcome.
 */
class CompletionBatchesTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 250;

  private final InMemoryStateStore real = new InMemoryStateStore();
  private final AtomicInteger calls = new AtomicInteger();
  private final List<Integer> sizes = java.util.Collections.synchronizedList(new ArrayList<>());

  /** The store, counting its batch calls. */
  private final WorkflowSteps counting =
      (WorkflowSteps)
          java.lang.reflect.Proxy.newProxyInstance(
              WorkflowSteps.class.getClassLoader(),
              new Class<?>[] {WorkflowSteps.class},
              (proxy, method, args) -> {
                if (method.getName().equals("completeAll")) {
                  calls.incrementAndGet();
                  sizes.add(((List<?>) args[0]).size());
                  if (((List<?>) args[0]).isEmpty()) {
                    throw new AssertionError("an empty batch");
                  }
                }
                return method.isDefault()
                    ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args)
                    : method.invoke(real, args);
              });

  private static WorkflowSteps.Finished ok(int job, int attempt) {
    return new WorkflowSteps.Finished(
        "w",
        1,
        job,
        attempt,
        JobResult.success(JsonNodeFactory.instance.numberNode(job)),
        "job " + job,
        1,
        2);
  }

  @Test
  void everyThreadsCompletionIsRecordedOnceWithItsOwnOutcome() throws Exception {
    int n = THREADS * PER_THREAD;
    List<JobSpec> jobs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      jobs.add(new JobSpec(i, "H", "H", 1, 3, null, List.of()));
    }
    real.start(
        WorkflowRecord.created(
            "w", "wf", 1, JsonNodeFactory.instance.objectNode(), System.currentTimeMillis()),
        new NewEntry(1, "a", jobs, null));
    CompletionBatches batches = new CompletionBatches(counting);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<List<Completion>>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int from = t * PER_THREAD;
      results.add(
          pool.submit(
              () -> {
                List<Completion> mine = new ArrayList<>();
                for (int j = from; j < from + PER_THREAD; j++) {
                  mine.add(batches.complete(ok(j, 1)));
                  mine.add(batches.complete(ok(j, 1))); // its redelivery
                }
                return mine;
              }));
    }
    int closed = 0;
    for (Future<List<Completion>> f : results) {
      List<Completion> mine = f.get();
      for (int i = 0; i < mine.size(); i += 2) {
        assertThat(mine.get(i).outcome()).isEqualTo(Completion.Outcome.RECORDED);
        assertThat(mine.get(i + 1).outcome()).isEqualTo(Completion.Outcome.DUPLICATE);
        closed += mine.get(i).entryClosed() ? 1 : 0;
      }
    }
    pool.shutdown();
    assertThat(closed).as("the entry closed by exactly one recorded completion").isEqualTo(1);
    assertThat(real.jobs("w", 1)).allMatch(j -> j.status() == JobStatus.SUCCEEDED);
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * n);
    assertThat(sizes).allMatch(s -> s <= CompletionBatches.MAX);
  }

  @Test
  void aFailedBatchFailsItsCallers() {
    CompletionBatches failing =
        new CompletionBatches(
            (WorkflowSteps)
                java.lang.reflect.Proxy.newProxyInstance(
                    WorkflowSteps.class.getClassLoader(),
                    new Class<?>[] {WorkflowSteps.class},
                    (proxy, method, args) -> {
                      throw new IllegalStateException("Redis is down");
                    }));
    assertThatThrownBy(() -> failing.complete(ok(0, 1))).hasMessage("Redis is down");
  }
}
