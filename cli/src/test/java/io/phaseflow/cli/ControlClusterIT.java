package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.JobFailedException;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.Queues;
import io.phaseflow.samples.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pause}, {@code resume}, {@code cancel} and {@code redrive} from the command line against a
 * running cluster: Redis, RabbitMQ, an engine and handlers (in this process), each command a
 * separate client as a person would run it.
 */
class ControlClusterIT extends CliCapture {
  private static final String DEFINITION =
      """
      {"workflow": "control-it", "data": {"sleep_ms": 10},
       "phases": {
         "work":  {"is_initial": true, "handlers": ["Sleeper"], "transitions_to": "check",
                   "on_error_transition_to": "error"},
         "check": {"handlers": ["FailsOnce"], "transitions_to": "done",
                   "on_error_transition_to": "error"},
         "done":  {"is_final": true},
         "error": {"is_final": true}}}
      """;

  private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
  private String ns;
  private Cluster cluster;
  private Engine engine;
  private HandlerRunner.Deployment handlers;

  @BeforeEach
  void startCluster(@TempDir Path dir) throws Exception {
    ns = RedisCleanup.uniquePrefix("pfcontrol");
    Path file = dir.resolve("control-it.json");
    Files.writeString(file, DEFINITION);
    assertThat(phaseflow("load", file.toString())).as(err).isZero();
    ServerOptions options = new ServerOptions();
    options.redis = TestServers.redisUrlOnTestDatabase();
    options.amqp = TestServers.amqpUrl();
    options.namespace = ns;
    cluster = new Cluster(options, "control-it");
    engine = cluster.engine(new HandlerRegistry(), WorkflowListener.NONE, 2).start();
    HandlerRegistry registry =
        HandlerRegistry.of(
            List.of(
                new Sleeper(),
                TestHandlers.of(
                    "FailsOnce",
                    job -> {
                      if (job.data().path("fail_once").asBoolean()
                          && failedOnce.add(job.workflowId())) {
                        throw new JobFailedException("upstream down", false);
                      }
                      return JsonNodeFactory.instance.textNode("checked");
                    })));
    handlers =
        new HandlerRunner(new BusJobSource(cluster.bus(), Clock.systemUTC()))
            .deployAll(registry, 2);
  }

  @AfterEach
  void stopCluster() {
    handlers.close();
    engine.close();
    cluster.close();
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      RedisCleanup.deletePrefix(redis, ns);
    }
    try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
      admin.deleteNamespace(
          ns, List.of(Queues.handler("Sleeper", 1), Queues.handler("FailsOnce", 1)));
    }
  }

  @Override
  protected int phaseflow(String... args) {
    return onTestServers(ns, args);
  }

  private String start(String input) throws Exception {
    String id =
        engine.startWorkflow(
            "control-it", new com.fasterxml.jackson.databind.ObjectMapper().readTree(input));
    waitFor(() -> cluster.store().workflow(id).isPresent());
    return id;
  }

  @Test
  void aPausedWorkflowWaitsAfterItsRunningJobsEndedAndGoesOnWhenResumed() throws Exception {
    String id = start("{\"sleep_ms\": 1500}");

    assertThat(phaseflow("pause", id, "--reason", "deploying")).as(out + err).isZero();
    assertThat(out).contains("workflow " + id + " paused; now paused in phase 'work'");
    waitFor(() -> cluster.store().entry(id, 1).orElseThrow().closed());
    Thread.sleep(300);
    assertThat(cluster.store().workflow(id).orElseThrow().phase()).isEqualTo("work");
    assertThat(phaseflow("list", "--state", "paused")).isZero();
    assertThat(out).contains(id);

    assertThat(phaseflow("resume", id)).as(out + err).isZero();
    assertThat(engine.await(id, Duration.ofSeconds(30)).status())
        .isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(phaseflow("resume", id)).isEqualTo(2);
    assertThat(err).contains("cannot resume workflow " + id + ": it is succeeded");
    assertThat(phaseflow("history", id)).isZero();
    assertThat(out).contains("paused").contains(": \"deploying\"").contains("resumed");
  }

  @Test
  void aCanceledWorkflowEndsCanceledAndIsListedSo() throws Exception {
    String id = start("{\"sleep_ms\": 1500}");

    assertThat(phaseflow("cancel", id, "--reason", "wrong input")).as(out + err).isZero();
    assertThat(engine.await(id, Duration.ofSeconds(30)).status())
        .isEqualTo(WorkflowStatus.CANCELED);
    Thread.sleep(1800); // the Sleeper ends: its result is dropped
    assertThat(cluster.store().entry(id, 1).orElseThrow().jobs().succeeded()).isZero();
    assertThat(phaseflow("list", "--state", "canceled")).isZero();
    assertThat(out).contains(id);
    assertThat(phaseflow("pause", "no-such-workflow")).isEqualTo(2);
    assertThat(err).contains("no workflow no-such-workflow");
  }

  @Test
  void aRedrivenWorkflowRunsItsFailedPhaseAgainAndSucceeds() throws Exception {
    String id = start("{\"fail_once\": true}");
    assertThat(engine.await(id, Duration.ofSeconds(30)).status()).isEqualTo(WorkflowStatus.FAILED);

    assertThat(phaseflow("redrive", id)).as(out + err).isZero();
    assertThat(out).contains("workflow " + id + " redriven; now running in phase 'check'");

    assertThat(engine.await(id, Duration.ofSeconds(30)).status())
        .isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(phaseflow("history", id)).isZero();
    assertThat(out).contains("check → error").contains("error → check").contains("redriven");
    assertThat(out).contains("check → done").contains("succeeded in phase 'done'");
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
