package io.phaseflow.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The runner on the API alone: a {@link JobSource} of the test's own, no queue, no bus. */
class HandlerRunnerTest {
  private final Map<String, Function<Job, JobResult>> served = new ConcurrentHashMap<>();
  private final Map<String, Integer> instances = new ConcurrentHashMap<>();
  private final JobSource source =
      (handler, count, work) -> {
        String key = handler.name() + " v" + handler.version();
        served.put(key, work);
        instances.put(key, count);
        return () -> {
          served.remove(key);
          instances.remove(key);
        };
      };
  private final HandlerRunner runner = new HandlerRunner(source);

  @Test
  void whatTheHandlerThrowsBecomesTheJobsOutcome() {
    Map<Handler, JobResult> outcomes =
        Map.of(
            handler("Ok", 1, job -> JobResult.success(null)),
            JobResult.success(null),
            handler(
                "Bad",
                1,
                job -> {
                  throw new JobFailedException("amount -15", false);
                }),
            JobResult.failure("amount -15", false),
            handler(
                "Disk",
                1,
                job -> {
                  throw new IllegalStateException("disk full");
                }),
            JobResult.failure("IllegalStateException: disk full", true),
            handler("Silent", 1, job -> null),
            JobResult.failure(
                "Silent returned no result: return JobResult.success(output)", false));

    outcomes.forEach(
        (handler, outcome) -> {
          runner.deploy(handler, 1);
          assertThat(served.get(handler.name() + " v1").apply(job(handler)))
              .as(handler.name())
              .isEqualTo(outcome);
        });
  }

  @Test
  void deployAllServesEveryRegisteredHandlerUntilClosed() {
    HandlerRegistry registry =
        HandlerRegistry.of(List.of(handler("A", 1, job -> null), handler("B", 2, job -> null)));

    HandlerRunner.Deployment all = runner.deployAll(registry, 3);

    assertThat(instances).isEqualTo(Map.of("A v1", 3, "B v2", 3));
    all.close();
    assertThat(instances).isEmpty();
    assertThatThrownBy(() -> runner.deploy(handler("A", 1, job -> null), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("instances of A must be at least 1, got 0");
  }

  private static Job job(Handler handler) {
    return new Job("wf-1", "p", 1, 0, 1, handler.name(), handler.version(), null, null, null);
  }

  private static Handler handler(String name, int version, Body body) {
    return new Handler() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int version() {
        return version;
      }

      @Override
      public JobResult process(Job job) throws Exception {
        return body.process(job);
      }
    };
  }

  @FunctionalInterface
  private interface Body {
    JobResult process(Job job) throws Exception;
  }
}
