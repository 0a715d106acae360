package io.phaseflow.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.testing.DuplicatingBus;
import io.phaseflow.engine.testing.MutableClock;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.transport.DeadLetterQueues;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import io.phaseflow.samples.SampleHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The sample {@code payments-failing} workflow run on an in-process engine with Prometheus metrics:
 * with its own data it fails (payment p-2 is negative) and ends in 'rejected'; with valid payments
 * as input it succeeds through 'settling' and 'settled'.
 */
class PrometheusEngineMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFINITION = "payments-failing";
  private static final String VALID_PAYMENTS =
      "{\"payments\": [{\"id\": \"p-1\", \"amount\": 40.0}, {\"id\": \"p-3\", \"amount\": 9.99}]}";
  private static final String OWN_DATA = "{}";

  @Test
  void countsJobsTransitionsAndWorkflowsOfSucceededAndFailedRuns() throws Exception {
    InMemoryBus bus = new InMemoryBus();

    Scrape scrape = run(bus, bus, 2, 1);

    assertCounts(scrape, 2, 1);
    // Every queue the engine and the handlers consume is reported, drained once all ended.
    for (String queue : Queues.ENGINE) {
      assertThat(scrape.value("phaseflow_queue_depth", "queue", queue)).as(queue).isZero();
    }
    assertThat(
            scrape.value("phaseflow_queue_depth", "queue", Queues.handler("PaymentValidator", 1)))
        .isZero();
  }

  @Test
  void redeliveredMessagesAreCountedOnce() throws Exception {
    InMemoryBus inner = new InMemoryBus();
    DuplicatingBus bus = new DuplicatingBus(inner, 0.5, 7);

    Scrape scrape = run(bus, inner, 6, 4);

    assertThat(bus.duplicates()).as("messages published twice").isGreaterThan(20);
    assertCounts(scrape, 6, 4);
  }

  @Test
  void deadLettersAreCountedByQueueAndReasonClassInTheNamespace() throws Exception {
    InMemoryBus inner = new InMemoryBus();
    NamespacedBus bus = new NamespacedBus(inner, "ns1");
    PrometheusEngineMetrics metrics = new PrometheusEngineMetrics(bus, List::of);
    DeadLetterQueues.count(bus, metrics::deadLettered);
    MessageBus.Subscription s =
        bus.consume(
            "q.in",
            1,
            body -> {
              throw new Messages.MalformedMessageException("never", null);
            });
    bus.publish("q.in", new byte[] {1});
    bus.publish("q.in", new byte[] {2});
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (inner.deadLetters().size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    s.close();

    Scrape scrape = Scrape.parse(metrics.scrape());
    assertThat(
            scrape.value(
                "phaseflow_dead_letters_total", "queue", "q.in", "reason", "unprocessable"))
        .isEqualTo(2);
  }

  @Test
  void queueDepthsAreReadAtScrapeTimeAtMostOncePerSecond() {
    InMemoryBus bus = new InMemoryBus();
    MutableClock clock = new MutableClock(1_000_000);
    List<String> queues = new ArrayList<>(List.of("q.busy", "q.missing"));
    PrometheusEngineMetrics metrics = new PrometheusEngineMetrics(bus, () -> queues, clock);
    for (int i = 0; i < 3; i++) {
      bus.publish("q.busy", new byte[] {1});
    }

    Scrape first = Scrape.parse(metrics.scrape());
    bus.publish("q.busy", new byte[] {1});
    bus.publish("q.later", new byte[] {1});
    queues.add("q.later");
    Scrape cached = Scrape.parse(metrics.scrape());
    clock.advance(Duration.ofSeconds(1));
    Scrape fresh = Scrape.parse(metrics.scrape());

    assertThat(first.value("phaseflow_queue_depth", "queue", "q.busy")).isEqualTo(3);
    assertThat(first.find("phaseflow_queue_depth", "queue", "q.missing"))
        .as("a queue that does not exist has no series")
        .isEmpty();
    assertThat(cached.value("phaseflow_queue_depth", "queue", "q.busy")).isEqualTo(3);
    assertThat(cached.find("phaseflow_queue_depth", "queue", "q.later")).isEmpty();
    assertThat(fresh.value("phaseflow_queue_depth", "queue", "q.busy")).isEqualTo(4);
    assertThat(fresh.value("phaseflow_queue_depth", "queue", "q.later")).isEqualTo(1);
  }

  @Test
  void aQueueWhoseDepthCannotBeReadIsLeftOutAndTheScrapeStillWorks() {
    InMemoryBus inner = new InMemoryBus();
    inner.publish("q.ok", new byte[] {1});
    MessageBus flaky =
        new MessageBus() {
          @Override
          public void publish(String queue, byte[] body) {
            inner.publish(queue, body);
          }

          @Override
          public Subscription consume(String queue, int concurrency, Consumer consumer) {
            return inner.consume(queue, concurrency, consumer);
          }

          @Override
          public OptionalLong depth(String queue) {
            if (queue.equals("q.down")) {
              throw new IllegalStateException("broker unreachable");
            }
            return inner.depth(queue);
          }

          @Override
          public void close() {
            inner.close();
          }
        };
    PrometheusEngineMetrics metrics =
        new PrometheusEngineMetrics(flaky, () -> List.of("q.down", "q.ok"));
    metrics.workflowStarted("w");

    Scrape s = Scrape.parse(metrics.scrape());

    assertThat(s.find("phaseflow_queue_depth", "queue", "q.down")).isEmpty();
    assertThat(s.value("phaseflow_queue_depth", "queue", "q.ok")).isEqualTo(1);
    assertThat(s.value("phaseflow_workflows_started_total", "definition", "w")).isEqualTo(1);
  }

  @Test
  void theEngineAndHandlerQueuesAreThoseOfTheRegistryOnePerPriority() {
    List<String> queues =
        PrometheusEngineMetrics.engineAndHandlerQueues(SampleHandlers.registry()).get();

    assertThat(queues).startsWith(Queues.ENGINE.toArray(String[]::new));
    assertThat(queues)
        .contains(
            "phaseflow.handler.PaymentValidator.v1",
            "phaseflow.handler.PaymentValidator.v1.high",
            "phaseflow.handler.PaymentValidator.v1.low",
            "phaseflow.handler.ErrorReporter.v1")
        .hasSize(Queues.ENGINE.size() + 3 * SampleHandlers.all().size());
  }

  private static void assertCounts(Scrape s, int succeeded, int failed) {
    int all = succeeded + failed;
    assertThat(s.value("phaseflow_workflows_started_total", "definition", DEFINITION))
        .isEqualTo(all);
    assertThat(
            s.value(
                "phaseflow_workflows_finished_total",
                "definition",
                DEFINITION,
                "status",
                "succeeded"))
        .isEqualTo(succeeded);
    assertThat(
            s.value(
                "phaseflow_workflows_finished_total", "definition", DEFINITION, "status", "failed"))
        .isEqualTo(failed);

    assertThat(job(s, "PaymentValidator", "succeeded")).isEqualTo(succeeded);
    assertThat(job(s, "PaymentValidator", "failed")).isEqualTo(failed);
    assertThat(job(s, "PaymentSettler", "succeeded")).isEqualTo(succeeded);
    assertThat(job(s, "ErrorReporter", "succeeded")).isEqualTo(failed);
    assertThat(s.find("phaseflow_jobs_total")).as("job series").hasSize(4);
    assertThat(s.value("phaseflow_job_duration_seconds_count", "handler", "PaymentValidator"))
        .isEqualTo(all);

    assertThat(transitions(s, "validating", "settling", "succeeded")).isEqualTo(succeeded);
    assertThat(transitions(s, "settling", "settled", "succeeded")).isEqualTo(succeeded);
    assertThat(transitions(s, "settled", "(end)", "succeeded")).isEqualTo(succeeded);
    assertThat(transitions(s, "validating", "rejected", "failed")).isEqualTo(failed);
    assertThat(transitions(s, "rejected", "(end)", "succeeded")).isEqualTo(failed);
    assertThat(s.find("phaseflow_transitions_total")).as("transition series").hasSize(5);
    assertThat(phase(s, "validating")).isEqualTo(all);
    assertThat(phase(s, "settling")).isEqualTo(succeeded);
    assertThat(phase(s, "settled")).isEqualTo(succeeded);
    assertThat(phase(s, "rejected")).isEqualTo(failed);
  }

  private static double job(Scrape s, String handler, String outcome) {
    return s.value("phaseflow_jobs_total", "handler", handler, "outcome", outcome);
  }

  private static double transitions(Scrape s, String from, String to, String reason) {
    return s.value(
        "phaseflow_transitions_total",
        "definition",
        DEFINITION,
        "from",
        from,
        "to",
        to,
        "reason",
        reason);
  }

  private static double phase(Scrape s, String phase) {
    return s.value(
        "phaseflow_phase_duration_seconds_count", "definition", DEFINITION, "phase", phase);
  }

  /**
   * Runs {@code succeeding} workflows with valid payments and {@code failing} with the definition's
   * own data, waits until all finished and every queue is drained, stops the engine and returns the
   * scrape.
   *
   * @param bus what engine and handlers use
   * @param inner the in-memory bus under it, whose queue depths the metrics read
   */
  private static Scrape run(MessageBus bus, InMemoryBus inner, int succeeding, int failing)
      throws Exception {
    HandlerRegistry handlers = SampleHandlers.registry();
    PrometheusEngineMetrics metrics =
        new PrometheusEngineMetrics(
            inner, PrometheusEngineMetrics.engineAndHandlerQueues(handlers));
    Set<String> finished = ConcurrentHashMap.newKeySet();
    WorkflowListener listener =
        new WorkflowListener() {
          @Override
          public void finished(WorkflowRecord wf) {
            finished.add(wf.id());
          }
        };
    Engine engine =
        Engine.builder()
            .store(new InMemoryStateStore())
            .bus(bus)
            .handlers(handlers)
            .listener(listener)
            .metrics(metrics)
            .concurrency(3)
            .build();
    engine.plans().add(CompiledDefinition.of(RepoFiles.definition(DEFINITION + ".json")).plan());
    engine.start();
    HandlerRunner.Deployment workers =
        new HandlerRunner(new BusJobSource(bus, Clock.systemUTC())).deployAll(handlers, 2);
    try {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < succeeding + failing; i++) {
        String input = i < succeeding ? VALID_PAYMENTS : OWN_DATA;
        ids.add(engine.startWorkflow(DEFINITION, JSON.readTree(input)));
      }
      // The listener hears of a finish after the metrics did.
      await("all " + ids.size() + " workflows finished", () -> finished.containsAll(ids));
      List<String> queues = PrometheusEngineMetrics.engineAndHandlerQueues(handlers).get();
      await(
          "every queue drained",
          () -> queues.stream().allMatch(q -> inner.depth(q).orElse(0) == 0));
    } finally {
      workers.close();
      engine.close();
      bus.close();
    }
    return Scrape.parse(metrics.scrape());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }
}
