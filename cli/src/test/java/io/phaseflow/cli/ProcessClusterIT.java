package io.phaseflow.cli;

import static io.phaseflow.cli.InProcessCli.cli;
import static io.phaseflow.cli.InProcessCli.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.bench.PhaseflowProcess;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.Queues;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster as a user runs it: {@code phaseflow engine} and two {@code phaseflow handlers}
 * processes, definitions loaded and workflows started with the CLI, all on real Redis and RabbitMQ
 * under a namespace of their own.
 */
class ProcessClusterIT {

  @Test
  void anEngineAndTwoHandlerProcessesRunSearchWorkflowsToTheEnd() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfproc");
    String redis = TestServers.redisUrlOnTestDatabase();
    String amqp = TestServers.amqpUrl();
    List<String> servers = List.of("--namespace", ns, "--redis", redis, "--amqp", amqp);
    try (PhaseflowProcess engine =
            PhaseflowProcess.start(concat(List.of("engine", "--quiet"), servers), "consuming on");
        PhaseflowProcess h1 =
            PhaseflowProcess.start(
                concat(List.of("handlers", "--queue", "all", "--instances", "2"), servers),
                "instance(s) of Sleeper");
        PhaseflowProcess h2 =
            PhaseflowProcess.start(
                concat(
                    List.of("handlers", "--queue", "PageSummarizer", "--instances", "4"), servers),
                "instance(s) of PageSummarizer")) {
      assertThat(
              cli(concat(List.of("load", RepoFiles.definition("search.json").toString()), servers)))
          .contains("loaded    search v1");

      String out = cli(concat(List.of("start", "search", "--count", "100", "--wait"), servers));

      assertThat(out).contains("100 workflows of search: 100 succeeded, 0 failed");
      String one = cli(concat(List.of("start", "search", "--wait"), servers));
      assertThat(one)
          .containsSubsequence(
              "→ pending",
              "pending → searching",
              "searching → fetching-pages",
              "fetching-pages → finished",
              "finished → (end)",
              "succeeded in phase 'finished'");
    } finally {
      CliProcess.deleteSampleCluster(ns, TestServers.amqpUrl());
    }
  }

  @Test
  void aHandlerProcessStoppedWithSigtermFinishesTheJobInHandBeforeExiting() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfterm");
    List<String> servers =
        List.of(
            "--namespace",
            ns,
            "--redis",
            TestServers.redisUrlOnTestDatabase(),
            "--amqp",
            TestServers.amqpUrl());
    var definition =
        new io.phaseflow.engine.definition.DefinitionLoader()
            .parse(
                "{\"workflow\": \"slow\", \"tasks\": [{\"name\": \"nap\", \"handler\":"
                    + " \"Sleeper\", \"payload\": {\"ms\": 1500}}]}",
                "test");
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings());
        var store =
            io.phaseflow.engine.redis.RedisStateStore.connect(
                redis, ns, java.time.Duration.ofMinutes(5));
        RabbitBus rabbit = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
      io.phaseflow.engine.core.Engine engine =
          io.phaseflow.engine.core.Engine.builder()
              .store(store)
              .bus(new io.phaseflow.engine.transport.NamespacedBus(rabbit, ns))
              .build();
      engine.plans().add(io.phaseflow.engine.plan.CompiledDefinition.compile(definition));
      engine.start();
      try {
        PhaseflowProcess handlers =
            PhaseflowProcess.start(
                concat(List.of("handlers", "--queue", "Sleeper", "--instances", "1"), servers),
                "instance(s) of Sleeper");
        String id = engine.startWorkflow("slow", null);
        Thread.sleep(500); // the idle instance has taken the job and sleeps on it

        handlers.close(); // SIGTERM, then wait for the process to exit

        var wf = engine.await(id, java.time.Duration.ofSeconds(10));
        assertThat(wf.status())
            .as("no handler runs any more: the job in hand was finished and reported on SIGTERM")
            .isEqualTo(io.phaseflow.engine.state.WorkflowStatus.SUCCEEDED);
      } finally {
        engine.close();
        RedisCleanup.deletePrefix(redis, ns);
        rabbit.deleteNamespace(ns, List.of(Queues.handler("Sleeper", 1)));
      }
    }
  }
}
