package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.metrics.PrometheusEngineMetrics;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.Queues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics {@code serve} and {@code engine} serve: the depth of every handler queue a stored
 * definition names (serve runs no handlers and compiles nothing until asked), and every series
 * labelled with the cluster's namespace.
 */
class ClusterMetricsIT {
  private String ns;
  private Cluster cluster;

  @BeforeEach
  void loadSearch() {
    ns = RedisCleanup.uniquePrefix("pfmetrics");
    ServerOptions options = new ServerOptions();
    options.redis = TestServers.redisUrlOnTestDatabase();
    options.amqp = TestServers.amqpUrl();
    options.namespace = ns;
    StringWriter err = new StringWriter();
    int code =
        PhaseflowCommand.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "load",
            RepoFiles.definition("search.json").toString(),
            "--redis",
            options.redis,
            "--amqp",
            options.amqp,
            "--namespace",
            ns);
    assertThat(code).as(err.toString()).isZero();
    cluster = new Cluster(options, "metrics-test");
  }

  @AfterEach
  void deleteNamespace() {
    cluster.close();
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      RedisCleanup.deletePrefix(redis, ns);
    }
    try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
      admin.deleteNamespace(ns, List.of(Queues.handler("LocalSearcher", 1)));
    }
  }

  @Test
  void serveReportsTheDepthOfEveryHandlerQueueAStoredDefinitionNamesUnderItsNamespace() {
    cluster.bus().publish(Queues.handler("LocalSearcher", 1), "{}".getBytes());
    cluster.bus().publish(Queues.WORKFLOW_START, "{}".getBytes());
    PrometheusEngineMetrics metrics = Metrics.of(cluster, new HandlerRegistry());
    metrics.jobEnded("LocalSearcher", EngineMetrics.Outcome.SUCCEEDED, 5);

    String scrape = metrics.scrape();

    assertThat(scrape)
        .contains(
            "phaseflow_queue_depth{namespace=\""
                + ns
                + "\",queue=\"phaseflow.handler.LocalSearcher.v1\"} 1.0")
        .contains(
            "phaseflow_queue_depth{namespace=\""
                + ns
                + "\",queue=\""
                + Queues.WORKFLOW_START
                + "\"} 1.0")
        .contains("phaseflow_jobs_total{handler=\"LocalSearcher\",namespace=\"" + ns + "\"");
  }
}
