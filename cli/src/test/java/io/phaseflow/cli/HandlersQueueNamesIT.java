package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.deployed.DeployedHandler;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisHandlerDirectory;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code phaseflow handlers --namespace NS} prints the queue names it really consumes from. */
class HandlersQueueNamesIT {
  @Test
  void eachDeploymentNamesItsQueueWithTheNamespace() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfhandlersq");
    String queue = Queues.handler("PageSummarizer", 1);
    try (CliProcess handlers =
        CliProcess.start(
            Map.of(),
            List.of(
                "handlers",
                "--queue",
                "PageSummarizer",
                "--instances",
                "1",
                "--amqp",
                TestServers.amqpUrl(),
                "--redis",
                TestServers.redisUrlOnTestDatabase(),
                "--namespace",
                ns))) {
      assertThat(handlers.awaitLine(l -> l.contains("instance(s) of PageSummarizer"), 60))
          .as(handlers.output())
          .isTrue();

      assertThat(handlers.output())
          .contains("1 instance(s) of PageSummarizer v1 on " + ns + "." + queue);
      // It announces itself in the namespace's handler directory, with its instances.
      try (RedisConnector redis = new RedisConnector(TestServers.redisSettings());
          RedisHandlerDirectory directory =
              new RedisHandlerDirectory(redis.connect(), ns, Clock.systemUTC())) {
        long deadline = System.nanoTime() + 30_000_000_000L; // a loaded machine announces late
        while (directory.find("PageSummarizer", 1, System.currentTimeMillis()).isEmpty()
            && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        DeployedHandler seen =
            directory.find("PageSummarizer", 1, System.currentTimeMillis()).orElseThrow();
        assertThat(seen.alive()).isTrue();
        assertThat(seen.instances()).isEqualTo(1);
        assertThat(seen.enumerates()).isFalse();
        RedisCleanup.deletePrefix(redis, ns);
      }
    } finally {
      try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
        admin.deleteNamespace(ns, List.of(queue));
      }
    }
  }

  /**
   * One instance with {@code --prefetch 2}, given five jobs that each sleep 15 s: it holds the one
   * it works on and one more, and three stay ready in the queue for another instance.
   */
  @Test
  void anInstanceHoldsNoMoreJobsThanItsPrefetch() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfprefetch");
    String queue = Queues.handler("Sleeper", 1);
    try (CliProcess handlers =
        CliProcess.start(
            Map.of(),
            List.of(
                "handlers",
                "--queue",
                "Sleeper",
                "--instances",
                "1",
                "--prefetch",
                "2",
                "--amqp",
                TestServers.amqpUrl(),
                "--redis",
                TestServers.redisUrlOnTestDatabase(),
                "--namespace",
                ns))) {
      assertThat(handlers.awaitLine(l -> l.contains("instance(s) of Sleeper"), 60))
          .as(handlers.output())
          .isTrue();
      assertThat(handlers.output()).contains("(prefetch 2)");
      try (RabbitBus bus = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
        NamespacedBus jobs = new NamespacedBus(bus, ns);
        for (int i = 0; i < 5; i++) {
          jobs.publish(
              queue,
              Messages.encode(
                  new Job(
                      "wf-" + i,
                      "p",
                      1,
                      0,
                      1,
                      "Sleeper",
                      1,
                      JsonNodeFactory.instance.objectNode().put("ms", 15_000),
                      JsonNodeFactory.instance.objectNode(),
                      JsonNodeFactory.instance.objectNode())));
        }
        long deadline = System.nanoTime() + 30_000_000_000L; // a loaded machine announces late
        long ready = -1;
        while (System.nanoTime() < deadline) {
          Thread.sleep(200);
          ready = jobs.depth(queue).orElse(-1);
          if (ready == 3) {
            break;
          }
        }
        Thread.sleep(500); // and it stays there: no more are taken
        assertThat(jobs.depth(queue).orElse(-1)).as("ready after %d", ready).isEqualTo(3);
      }
    } finally {
      try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
        admin.deleteNamespace(ns, List.of(queue));
      }
      // The handlers process announced itself in the namespace's handler directory.
      try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
        RedisCleanup.deletePrefix(redis, ns);
      }
    }
  }
}
