package io.phaseflow.cli;

import static io.phaseflow.cli.InProcessCli.cli;
import static io.phaseflow.cli.InProcessCli.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine and two handler processes on the 3-node RabbitMQ cluster of {@code
 * scripts/rabbitmq-cluster} (quorum queues), Redis on 127.0.0.1:6379 for state; the node that holds
 * the engine's connection is stopped while workflows run. Every workflow ends, its history is
 * exact, no job is counted twice and nothing is dead-lettered. Run with {@code -Prabbit-cluster}.
 */
@Tag("rabbit-cluster")
class RabbitClusterFailoverIT {
  private static final int WORKFLOWS = 60;
  private static final int JOBS = 6;
  private static final String DEFINITION =
      """
      {"workflow": "nodeloss", "version": 1,
       "data": {"items": [1, 2, 3, 4, 5, 6], "sleep_ms": 250},
       "phases": {
         "work": {"is_initial": true, "transitions_to": "done", "on_error_transition_to": "error",
                  "handlers": [{"name": "Sleeper", "for_each": "/data/items"}]},
         "done": {"is_final": true, "handlers": ["JobFinisher"]},
         "error": {"is_final": true, "handlers": ["ErrorReporter"]}}}
      """;

  @Test
  void workflowsRunningWhileARabbitNodeStopsAllEndExactlyOnce(@TempDir Path dir) throws Exception {
    RabbitTestCluster cluster = RabbitTestCluster.running();
    String ns = RedisCleanup.uniquePrefix("pfqnode");
    List<String> servers =
        List.of(
            "--namespace", ns,
            "--redis", TestServers.redisUrlOnTestDatabase(),
            "--amqp", cluster.url());
    Path definition = Files.writeString(dir.resolve("nodeloss.json"), DEFINITION);
    int[] stoppedNode = {0};
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings());
        StateStore store = RedisStateStore.connect(redis, ns, Duration.ofMinutes(30));
        // The engine creates the namespace's queues as quorum queues; the handlers, started
        // without --quorum, follow them.
        CliProcess engine = ready(concat(List.of("engine", "--quorum"), servers), "consuming on");
        CliProcess h1 = ready(concat(handlers(), servers), "instance(s) of Sleeper");
        CliProcess h2 = ready(concat(handlers(), servers), "instance(s) of Sleeper")) {
      try {
        run(cluster, ns, servers, definition, store, engine, h1, h2, stoppedNode);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            e.getMessage()
                + "\n--- engine ---\n"
                + tail(engine)
                + "\n--- handlers 1 ---\n"
                + tail(h1)
                + "\n--- handlers 2 ---\n"
                + tail(h2),
            e);
      }
    } finally {
      try {
        if (stoppedNode[0] > 0 && !cluster.answers(stoppedNode[0])) {
          cluster.startNode(stoppedNode[0]);
        }
      } finally {
        CliProcess.deleteSampleCluster(ns, cluster.url());
      }
    }
  }

  private static String tail(CliProcess p) {
    List<String> lines = p.output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static void run(
      RabbitTestCluster cluster,
      String ns,
      List<String> servers,
      Path definition,
      StateStore store,
      CliProcess engine,
      CliProcess h1,
      CliProcess h2,
      int[] stoppedNode)
      throws Exception {
    cli(concat(List.of("load", definition.toString()), servers));
    List<String> ids =
        cli(concat(List.of("start", "nodeloss", "--count", String.valueOf(WORKFLOWS)), servers))
            .lines()
            .filter(l -> !l.isBlank())
            .toList();
    assertThat(ids).hasSize(WORKFLOWS);

    Map<String, Long> endedAt = new HashMap<>();
    awaitEnded(store, ids, endedAt, WORKFLOWS / 6, Duration.ofSeconds(60));
    int stopped = cluster.nodeOfConnection("phaseflow-engine", 1);
    if (stopped == 0) {
      stopped = 1;
    }
    stoppedNode[0] = stopped;
    Map<String, Long> leadersBefore = leaders(cluster.queues(stopped), ns);
    assertThat(leadersBefore).as("quorum queue leaders spread over the nodes").hasSize(3);
    long stopAt = System.currentTimeMillis();
    int node = stopped;
    // Stopped on another thread, so that the workflows ending meanwhile are seen when they do.
    java.util.concurrent.FutureTask<Long> stop =
        new java.util.concurrent.FutureTask<>(
            () -> {
              cluster.stopNode(node);
              return System.currentTimeMillis();
            });
    new Thread(stop, "stop-" + cluster.nodeName(node)).start();
    int runningAtStop = WORKFLOWS - endedAt.size();
    awaitEnded(store, ids, endedAt, WORKFLOWS, Duration.ofSeconds(180));
    long stoppedAt = stop.get(120, java.util.concurrent.TimeUnit.SECONDS);

    for (String id : ids) {
      assertExact(store, id);
    }
    int asked = stopped == 1 ? 2 : 1;
    List<String> queues =
        cluster.queues(asked).stream().filter(q -> q.startsWith(ns + ".")).toList();
    assertThat(queues).as("every queue of the namespace is a quorum queue").isNotEmpty();
    assertThat(queues).allMatch(q -> q.split("\\s+")[1].equals("quorum"), "quorum");
    try (RabbitBus rabbit = RabbitBus.connect(AmqpSettings.parse(cluster.url()))) {
      assertThat(rabbit.depth(RabbitBus.deadLetterQueue(ns)).orElse(0)).as("dead letters").isZero();
    }
    Map<String, Long> leadersAfter = leaders(queues, ns);
    assertThat(leadersAfter).doesNotContainKey(cluster.nodeName(stopped)).hasSize(2);
    long firstAfter =
        endedAt.values().stream().filter(t -> t >= stopAt).min(Long::compare).orElse(0L);
    long lastEnd = endedAt.values().stream().max(Long::compare).orElse(0L);
    System.out.printf(
        "node loss: stopped %s (held the engine's connection) with %d of %d workflows running;"
            + " rabbitmqctl stop took %d ms; from the stop's start the first workflow ended after"
            + " %d ms, the last after %d ms; longest pause between two workflows ending: %d ms;"
            + " queue leaders before %s, after %s%n",
        cluster.nodeName(stopped),
        runningAtStop,
        WORKFLOWS,
        stoppedAt - stopAt,
        firstAfter - stopAt,
        lastEnd - stopAt,
        longestGap(endedAt, stopAt),
        leadersBefore,
        leadersAfter);
  }

  /** How many of the namespace's queues each node leads. */
  private static Map<String, Long> leaders(List<String> queues, String ns) {
    return queues.stream()
        .filter(q -> q.startsWith(ns + "."))
        .map(q -> q.split("\\s+"))
        .filter(q -> q.length == 3)
        .collect(
            java.util.stream.Collectors.groupingBy(
                q -> q[2], java.util.TreeMap::new, java.util.stream.Collectors.counting()));
  }

  private static void assertExact(StateStore store, String id) {
    WorkflowRecord wf = store.workflow(id).orElseThrow();
    assertThat(wf.status()).as("workflow %s", id).isEqualTo(WorkflowStatus.SUCCEEDED);
    List<TransitionRecord> history = store.history(id);
    assertThat(history)
        .as("history of %s", id)
        .extracting(TransitionRecord::from)
        .containsExactly(null, "work", "done");
    assertThat(history.get(1).jobs().total()).isEqualTo(JOBS);
    assertThat(history.get(1).jobs().succeeded()).isEqualTo(JOBS);
    assertThat(store.jobs(id, 2).get(0).output().path("jobs").path("Sleeper").asInt())
        .as("JobFinisher of %s saw each Sleeper output once", id)
        .isEqualTo(JOBS);
  }

  /** Waits until {@code count} workflows ended, noting when each was first seen ended. */
  private static void awaitEnded(
      StateStore store, List<String> ids, Map<String, Long> endedAt, int count, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (endedAt.size() < count) {
      for (String id : ids) {
        if (!endedAt.containsKey(id)) {
          Optional<WorkflowRecord> wf = store.workflow(id);
          if (wf.isPresent() && wf.get().status() != WorkflowStatus.RUNNING) {
            endedAt.put(id, System.currentTimeMillis());
          }
        }
      }
      assertThat(System.nanoTime())
          .as("%d of %d workflows ended within %s", endedAt.size(), count, limit)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static long longestGap(Map<String, Long> endedAt, long from) {
    List<Long> times =
        new ArrayList<>(endedAt.values().stream().filter(t -> t >= from).sorted().toList());
    times.add(0, from);
    long gap = 0;
    for (int i = 1; i < times.size(); i++) {
      gap = Math.max(gap, times.get(i) - times.get(i - 1));
    }
    return gap;
  }

  private static List<String> handlers() {
    return List.of("handlers", "--queue", "all", "--instances", "3");
  }

  /** Starts {@code phaseflow ARGS} and waits until it printed {@code line}. */
  private static CliProcess ready(List<String> args, String line) throws Exception {
    CliProcess p = CliProcess.start(Map.of(), args);
    if (!p.awaitLine(l -> l.contains(line), 60)) {
      p.close();
      throw new AssertionError("phaseflow " + args + " is not ready:\n" + p.output());
    }
    return p;
  }
}
