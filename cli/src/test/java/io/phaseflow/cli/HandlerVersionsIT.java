package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.deployed.HandlerSighting;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.Queues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version requirements end to end on real servers: Pager 1.4.0 and 2.0.0 run in this JVM, consume
 * their major's queue and announce themselves in the namespace's Redis directory as a handlers
 * process does (1.2.0 is announced too, by a process that has stopped consuming); {@code start},
 * {@code history --jobs} and {@code load} run as commands. Each job answers with the version that
 * ran it.
 */
class HandlerVersionsIT extends CliCapture {
  private static final String PAGING =
      """
      {"workflow": "%s", "phases": {
        "pending": {"is_initial": true, "transitions_to": "fetch", "on_error_transition_to": "error"},
        "fetch": {"transitions_to": "render", "on_error_transition_to": "error",
                  "handlers": [{"name": "Pager", "version": "~> 1.2"}]},
        "render": {"transitions_to": "done", "on_error_transition_to": "error",
                   "handlers": [{"name": "Pager", "version": "%s"}]},
        "done": {"is_final": true},
        "error": {"is_final": true}}}
      """;

  @TempDir Path dir;
  private String ns;
  private Cluster cluster;
  private Engine engine;
  private final List<AutoCloseable> running = new ArrayList<>();

  @BeforeEach
  void startEngineAndHandlers() {
    ns = RedisCleanup.uniquePrefix("pfversions");
    ServerOptions options = new ServerOptions();
    options.redis = TestServers.redisUrlOnTestDatabase();
    options.amqp = TestServers.amqpUrl();
    options.namespace = ns;
    cluster = new Cluster(options, "versions-test");
    engine = cluster.engine(new HandlerRegistry(), WorkflowListener.NONE, 2).start();
    List<Handler> pagers = List.of(pager("1.4.0"), pager("2.0.0"));
    running.add(
        new HandlerRunner(new BusJobSource(cluster.bus(), Clock.systemUTC()))
            .deployAll(HandlerRegistry.of(pagers), 1));
    running.add(new HandlerHeartbeat(cluster::handlerDirectory, pagers, 1, Clock.systemUTC()));
    cluster
        .handlerDirectory()
        .announce(
            List.of(
                new HandlerSighting(
                    "Pager", 1, "1@old", 1, false, System.currentTimeMillis(), "1.2.0")));
  }

  @AfterEach
  void deleteNamespace() throws Exception {
    for (AutoCloseable c : running) {
      c.close();
    }
    engine.close();
    cluster.close();
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      RedisCleanup.deletePrefix(redis, ns);
    }
    try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
      admin.deleteNamespace(
          ns,
          List.of(
              Queues.handler("Pager", 1), Queues.handler("Pager", 2), Queues.handler("Pager", 3)));
    }
  }

  private static Handler pager(String semver) {
    return new Handler() {
      @Override
      public String name() {
        return "Pager";
      }

      @Override
      public int version() {
        return Integer.parseInt(semver.substring(0, 1));
      }

      @Override
      public String semver() {
        return semver;
      }

      @Override
      public JobResult process(Job job) {
        return JobResult.success(TextNode.valueOf(semver));
      }
    };
  }

  @Override
  protected int phaseflow(String... args) {
    return onTestServers(ns, args);
  }

  private Path definition(String name, String render) throws Exception {
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, PAGING.formatted(name, render));
    return file;
  }

  @Test
  void rangesRunOnTheNewestDeployedVersionThatMeetsThemAndTheHistorySaysWhich() throws Exception {
    assertThat(phaseflow("load", definition("paging", "^2").toString())).as(err).isZero();
    assertThat(err).as("both ranges are met by announced versions").isEmpty();

    assertThat(phaseflow("start", "paging")).as(err).isZero();
    String id = out.strip();
    WorkflowRecord wf = engine.await(id, Duration.ofSeconds(30));

    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    JobRecord fetched = cluster.store().jobs(id, 2).get(0);
    JobRecord rendered = cluster.store().jobs(id, 3).get(0);
    assertThat(fetched.spec().version()).isEqualTo(1);
    assertThat(fetched.output()).isEqualTo(TextNode.valueOf("1.4.0"));
    assertThat(rendered.spec().version()).isEqualTo(2);
    assertThat(rendered.output()).isEqualTo(TextNode.valueOf("2.0.0"));

    assertThat(phaseflow("history", id, "--jobs")).as(err).isZero();
    assertThat(out)
        .contains("versions: Pager ~> 1.2 = 1.4.0")
        .contains("versions: Pager ^2 = 2.0.0")
        .contains("job 0  Pager  succeeded  attempt 1  \"1.4.0\"")
        .contains("job 0  Pager v2  succeeded  attempt 1  \"2.0.0\"");
    assertThat(phaseflow("history", id, "--json")).as(err).isZero();
    assertThat(out).contains("\"note\" : \"versions: Pager ^2 = 2.0.0\"");
  }

  @Test
  void aStartWhoseRangeNoDeployedVersionMeetsIsRefusedNamingTheDeployedVersions() throws Exception {
    assertThat(phaseflow("load", definition("too-new", ">= 3").toString())).as(err).isZero();
    assertThat(err)
        .contains(
            "warning: too-new names handler Pager >= 3 (>= 3.0.0), which no version served by a"
                + " handlers process of this namespace in the last 7 days meets");

    assertThat(phaseflow("start", "too-new")).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err)
        .contains(
            "handler Pager: no deployed version satisfies '>= 3' (>= 3.0.0); deployed: [1.2.0,"
                + " 1.4.0, 2.0.0]");
    assertThat(cluster.store().list(io.phaseflow.engine.state.WorkflowQuery.all()).workflows())
        .isEmpty();
  }

  @Test
  void statusNamesTheQueueARangeWasRoutedToWhenNothingConsumesIt() throws Exception {
    // 3.1.0 announced by a process that consumes nothing: '>= 2.5' resolves to it, queue v3.
    cluster
        .handlerDirectory()
        .announce(
            List.of(
                new HandlerSighting(
                    "Pager", 3, "3@gone", 1, false, System.currentTimeMillis(), "3.1.0")));
    assertThat(phaseflow("load", definition("stuck", ">= 2.5").toString())).as(err).isZero();
    assertThat(phaseflow("start", "stuck")).as(err).isZero();
    String id = out.strip();

    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!(phaseflow("status", id) == 0 && out.contains("waiting: no consumer"))) {
      assertThat(System.nanoTime()).as("waiting within 20 s: " + out).isLessThan(deadline);
      Thread.sleep(100);
    }
    assertThat(out)
        .contains("waiting: no consumer on " + ns + ".phaseflow.handler.Pager.v3 (Pager v3, 1 job")
        .doesNotContain("Pager.v2");
    assertThat(cluster.store().jobs(id, 3).get(0).spec().version()).isEqualTo(3);
  }
}
