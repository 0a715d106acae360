package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.Queues;
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
    } finally {
      try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
        admin.deleteNamespace(ns, List.of(queue));
      }
    }
  }
}
