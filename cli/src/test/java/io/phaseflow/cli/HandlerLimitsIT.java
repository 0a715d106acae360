package io.phaseflow.cli;

import static io.phaseflow.cli.InProcessCli.cli;
import static io.phaseflow.cli.InProcessCli.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.bench.PhaseflowProcess;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Handler limits on the real servers: an engine in this JVM and THREE {@code phaseflow handlers}
 * processes of four Sleeper instances each. Every job's start and end are the ones its handler
 * process measured and reported (kept in the job's record), so the overlap counted here is the
 * handlers' own: without a limit it exceeds 2; with {@code limits set Sleeper --max-concurrent 2}
 * it never does. A rate limit of 10 per second spreads 30 jobs over three seconds.
 */
class HandlerLimitsIT {
  private static final int TASKS = 10;

  @Test
  void aConcurrencyLimitHoldsAcrossThreeHandlerProcessesAndARateLimitSpacesStarts()
      throws Exception {
    String ns = RedisCleanup.uniquePrefix("pflimits");
    String amqp = TestServers.amqpUrl();
    List<String> servers =
        List.of("--namespace", ns, "--redis", TestServers.redisUrlOnTestDatabase(), "--amqp", amqp);
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings());
        var store = RedisStateStore.connect(redis, ns, Duration.ofMinutes(5));
        RabbitBus rabbit = RabbitBus.connect(AmqpSettings.parse(amqp))) {
      Engine engine = Engine.builder().store(store).bus(new NamespacedBus(rabbit, ns)).build();
      engine.plans().add(CompiledDefinition.compile(new DefinitionLoader().parse(naps(80), "t")));
      engine.plans().add(CompiledDefinition.compile(new DefinitionLoader().parse(naps(0), "t")));
      engine.start();
      List<PhaseflowProcess> handlers = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          handlers.add(
              PhaseflowProcess.start(
                  concat(List.of("handlers", "--queue", "Sleeper", "--instances", "4"), servers),
                  "instance(s) of Sleeper"));
        }

        long t0 = System.currentTimeMillis();
        List<JobRecord> free = run(engine, store, "naps80", 4);
        System.out.printf(
            "no limit: 40 jobs in %d ms, max overlap %d%n",
            System.currentTimeMillis() - t0, maxOverlap(free));
        assertThat(maxOverlap(free))
            .as("without a limit, twelve instances run more than two at once")
            .isGreaterThan(2);

        assertThat(
                cli(concat(List.of("limits", "set", "Sleeper", "--max-concurrent", "2"), servers)))
            .contains("limit set: Sleeper v1 (max concurrent 2, max per second -)");
        Thread.sleep(1_100); // the engine reads limits at most once a second
        long t1 = System.currentTimeMillis();
        List<JobRecord> limited = run(engine, store, "naps80", 4);
        System.out.printf(
            "max concurrent 2: 40 jobs in %d ms, max overlap %d%n",
            System.currentTimeMillis() - t1, maxOverlap(limited));
        assertThat(limited).hasSize(4 * TASKS).allMatch(j -> j.attempt() == 1);
        assertThat(maxOverlap(limited)).as("leases across three processes").isEqualTo(2);
        assertThat(cli(concat(List.of("limits", "show"), servers)))
            .containsPattern("Sleeper +v1 +2 +- +0 +0");

        cli(concat(List.of("limits", "set", "Sleeper", "--max-per-second", "10"), servers));
        Thread.sleep(1_100);
        long began = System.currentTimeMillis();
        List<JobRecord> paced = run(engine, store, "naps0", 3);
        assertThat(paced).hasSize(3 * TASKS);
        List<Long> starts = paced.stream().map(JobRecord::startedAt).sorted().toList();
        System.out.printf(
            "max per second 10: 30 starts over %d ms, at most %d in one second%n",
            starts.get(starts.size() - 1) - starts.get(0), maxInWindow(starts, 1_000));
        // GCRA without burst admits 11 in a closed second; one more for delivery jitter.
        assertThat(maxInWindow(starts, 1_000))
            .as("starts in any one second")
            .isLessThanOrEqualTo(12);
        assertThat(starts.get(starts.size() - 1) - starts.get(0))
            .as("30 starts at 10 per second span about 2.9 s")
            .isGreaterThanOrEqualTo(2_500);
        assertThat(System.currentTimeMillis() - began).isGreaterThanOrEqualTo(2_500);
      } finally {
        for (PhaseflowProcess h : handlers) {
          h.close();
        }
        engine.close();
        CliProcess.deleteSampleCluster(ns, amqp);
      }
    }
  }

  /** A task DAG of TASKS parallel Sleeper tasks of {@code ms} each, named naps{ms}. */
  private static String naps(int ms) {
    StringBuilder tasks = new StringBuilder();
    for (int i = 0; i < TASKS; i++) {
      tasks
          .append(i == 0 ? "" : ", ")
          .append("{\"name\": \"nap")
          .append(i)
          .append("\", \"handler\": \"Sleeper\", \"payload\": {\"ms\": ")
          .append(ms)
          .append("}}");
    }
    return "{\"workflow\": \"naps" + ms + "\", \"tasks\": [" + tasks + "]}";
  }

  /** Starts {@code n} workflows of {@code definition} at once; every job of them once all ended. */
  private static List<JobRecord> run(
      Engine engine, RedisStateStore store, String definition, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(engine.startWorkflow(definition, null));
    }
    List<JobRecord> jobs = new ArrayList<>();
    for (String id : ids) {
      assertThat(engine.await(id, Duration.ofSeconds(60)).status())
          .isEqualTo(WorkflowStatus.SUCCEEDED);
      jobs.addAll(store.jobs(id, 1));
    }
    assertThat(jobs).allMatch(j -> j.startedAt() > 0 && j.endedAt() >= j.startedAt());
    return jobs;
  }

  /** The most jobs running at one instant: an end at the same ms as a start does not overlap. */
  static int maxOverlap(List<JobRecord> jobs) {
    List<long[]> edges = new ArrayList<>();
    for (JobRecord j : jobs) {
      edges.add(new long[] {j.startedAt(), 1});
      edges.add(new long[] {j.endedAt(), -1});
    }
    edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int running = 0;
    int max = 0;
    for (long[] e : edges) {
      running += (int) e[1];
      max = Math.max(max, running);
    }
    return max;
  }

  /** The most of the sorted times within any window of {@code width} ms (both ends included). */
  static int maxInWindow(List<Long> sorted, long width) {
    int max = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (sorted.get(to) - sorted.get(from) > width) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }
}
