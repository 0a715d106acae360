package io.phaseflow.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobFailedException;
import io.phaseflow.handlers.JobResult;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Small handlers for engine tests. */
public final class TestHandlers {
  private TestHandlers() {}

  /** A handler that answers with {@code f(job)}. */
  public static Handler of(String name, Function<Job, JsonNode> f) {
    return new Handler() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public JobResult process(Job job) {
        return JobResult.success(f.apply(job));
      }
    };
  }

  /** Echoes its payload. */
  public static Handler echo(String name) {
    return of(name, Job::payload);
  }

  /** Fails every job, not retryably. */
  public static Handler failing(String name, String message) {
    return of(
        name,
        job -> {
          throw new JobFailedException(message, false);
        });
  }

  /** Fails retryably the first {@code failures} times it is called, then echoes. */
  public static Handler flaky(String name, int failures, AtomicInteger calls) {
    return of(
        name,
        job -> {
          if (calls.incrementAndGet() <= failures) {
            throw new JobFailedException("flaky failure " + calls.get(), true);
          }
          return JsonNodeFactory.instance.textNode("ok after " + calls.get());
        });
  }
}
