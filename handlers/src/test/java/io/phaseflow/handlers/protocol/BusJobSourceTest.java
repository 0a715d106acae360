package io.phaseflow.handlers.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.Heartbeat;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobFailedException;
import io.phaseflow.handlers.JobResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A {@link HandlerRunner} over a {@link BusJobSource}: job messages in, {@link JobFinished}
 * messages out, and what a handler's exceptions become on the wire.
 */
class BusJobSourceTest {
  private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
  private static final String QUEUE = Queues.handler("Echo", 1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryTestBus bus = new InMemoryTestBus();
  private final HandlerRunner runner =
      new HandlerRunner(new BusJobSource(bus, Clock.fixed(NOW, ZoneOffset.UTC)));

  @Test
  void aJobInGivesAJobFinishedOutWithTheSameIdsAndTheOutput() throws Exception {
    runner.deploy(handler(job -> JobResult.success(job.payload())), 2);

    bus.deliver(QUEUE, Messages.encode(job(JSON.readTree("{\"x\": [1, 2]}"))));

    JobFinished finished = onlyJobFinished();
    assertThat(finished)
        .isEqualTo(
            new JobFinished(
                "wf-1",
                3,
                7,
                2,
                "Echo",
                true,
                JSON.readTree("{\"x\": [1, 2]}"),
                null,
                false,
                NOW.toEpochMilli(),
                NOW.toEpochMilli()));
  }

  @Test
  void aHandlerThatThrowsGivesARetryableFailure() throws Exception {
    runner.deploy(
        handler(
            job -> {
              throw new IllegalStateException("disk full");
            }),
        1);

    bus.deliver(QUEUE, Messages.encode(job(null)));

    JobFinished finished = onlyJobFinished();
    assertThat(finished.ok()).isFalse();
    assertThat(finished.retryable()).isTrue();
    assertThat(finished.error()).isEqualTo("IllegalStateException: disk full");
    assertThat(finished.output()).isNull();
  }

  @Test
  void aNonRetryableJobFailedExceptionGivesANonRetryableFailure() throws Exception {
    runner.deploy(
        handler(
            job -> {
              throw new JobFailedException("payment p-2 has amount -15", false);
            }),
        1);

    bus.deliver(QUEUE, Messages.encode(job(null)));

    JobFinished finished = onlyJobFinished();
    assertThat(finished.ok()).isFalse();
    assertThat(finished.retryable()).isFalse();
    assertThat(finished.error()).isEqualTo("payment p-2 has amount -15");
  }

  @Test
  void aHandlerReturningNoResultFailsForGood() throws Exception {
    runner.deploy(handler(job -> null), 1);

    bus.deliver(QUEUE, Messages.encode(job(null)));

    JobFinished finished = onlyJobFinished();
    assertThat(finished.retryable()).isFalse();
    assertThat(finished.error()).contains("Echo returned no result");
  }

  @Test
  void aMalformedJobMessageIsNotProcessedAndGoesToTheDeadLetterQueue() {
    AtomicInteger calls = new AtomicInteger();
    runner.deploy(
        handler(
            job -> {
              calls.incrementAndGet();
              return JobResult.success(null);
            }),
        1);

    Map<String, String> reasons =
        Map.of(
            "not json", "not a valid Job message",
            "[1, 2]", "job [0] of the batch: a JSON number, expected a Job object",
            "[{\"entry\": 1}]", "job [0] of the batch: Job without workflowId",
            "{\"entry\": \"first\"}", "not a valid Job message",
            "{\"entry\": 1}", "Job without workflowId",
            "", "body is empty, expected a Job object",
            "{\"format\": 3, \"workflowId\": \"wf-1\"}",
                "Job message format 3 is newer than this Phaseflow reads (up to 2); "
                    + "upgrade the handler runner");
    reasons.forEach(
        (body, reason) ->
            assertThatThrownBy(() -> bus.deliver(QUEUE, body.getBytes(StandardCharsets.UTF_8)))
                .as(body)
                .isInstanceOf(Messages.MalformedMessageException.class)
                .hasMessageContaining(reason));
    assertThat(calls).hasValue(0);
    assertThat(bus.published(Queues.JOB_FINISHED)).isEmpty();
  }

  @Test
  void deployConsumesTheHandlersVersionedQueueOfEachPriorityUntilClosed() {
    HandlerRunner.Deployment deployment = runner.deploy(handler(job -> null), 4);

    assertThat(bus.queues())
        .isEqualTo(
            Map.of(
                "phaseflow.handler.Echo.v1.high", 4, QUEUE, 4, "phaseflow.handler.Echo.v1.low", 4));
    deployment.close();
    assertThat(bus.queues()).isEmpty();
    assertThatThrownBy(() -> runner.deploy(handler(job -> null), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("instances of Echo must be at least 1, got 0");
  }

  @Test
  void deployAllConsumesEveryRegisteredHandlersQueue() {
    Handler other =
        new Handler() {
          @Override
          public String name() {
            return "Other";
          }

          @Override
          public int version() {
            return 2;
          }

          @Override
          public JobResult process(Job job) {
            return JobResult.success(null);
          }
        };

    HandlerRunner.Deployment all =
        runner.deployAll(HandlerRegistry.of(List.of(handler(job -> null), other)), 3);

    assertThat(bus.queues())
        .containsEntry(QUEUE, 3)
        .containsEntry("phaseflow.handler.Other.v2", 3)
        .containsEntry("phaseflow.handler.Other.v2.high", 3)
        .hasSize(6);
    all.close();
    assertThat(bus.queues()).isEmpty();
  }

  @Test
  void aHeartbeatDuringAJobIsPublishedForItsAttemptAndNothingOutsideOne() throws Exception {
    Heartbeat.beat(); // not in a job: nothing
    runner.deploy(
        handler(
            job -> {
              Heartbeat.beat();
              Heartbeat.beat(); // within a second of the first (the clock is fixed): not sent
              return JobResult.success(null);
            }),
        1);

    bus.deliver(QUEUE, Messages.encode(job(null)));

    List<byte[]> beats = bus.published(Queues.JOB_HEARTBEAT);
    assertThat(beats).hasSize(1);
    assertThat(Messages.decode(beats.get(0), JobHeartbeat.class))
        .isEqualTo(new JobHeartbeat("wf-1", 3, 7, 2, NOW.toEpochMilli()));
    assertThat(onlyJobFinished().ok()).isTrue();
  }

  @Test
  void heartbeatMillisIsLeftOffTheWireWhenZeroAndReadBack() {
    String plain = new String(Messages.encode(job(null)), StandardCharsets.UTF_8);
    assertThat(plain).doesNotContain("heartbeatMillis");
    Job asks = new Job("wf-1", "p", 3, 7, 2, "Echo", 1, null, null, null, 1500);
    assertThat(Messages.decode(Messages.encode(asks), Job.class).heartbeatMillis()).isEqualTo(1500);
  }

  private JobFinished onlyJobFinished() {
    List<byte[]> bodies = bus.published(Queues.JOB_FINISHED);
    assertThat(bodies).hasSize(1);
    return Messages.decode(bodies.get(0), JobFinished.class);
  }

  private static Job job(JsonNode payload) {
    return new Job("wf-1", "fetching-pages", 3, 7, 2, "Echo", 1, payload, null, null);
  }

  /** A handler named Echo v1 that runs {@code body}. */
  private static Handler handler(Body body) {
    return new Handler() {
      @Override
      public String name() {
        return "Echo";
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
