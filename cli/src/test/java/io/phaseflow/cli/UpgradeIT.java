package io.phaseflow.cli;

import static io.phaseflow.cli.InProcessCli.cli;
import static io.phaseflow.cli.InProcessCli.concat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine continues what the previous version left behind: the previous version's jar ({@code
 * .ci/upgrade-from}, built by {@code .ci/build-previous-jar}) runs workflows as separate processes
 * until they are mid-run, its processes are killed, and this code's engine and handlers finish
 * every one. Black-box: the old state is reached only through the old jar's CLI and the result only
 * through this code's CLI, so it holds whatever the Redis layout and messages look like.
 */
class UpgradeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WORKFLOWS = 20;

  /**
   * Three phases of naps, so that a kill finds jobs queued, in hand and reported. The second phase
   * is long (60 naps of 1.5 s on 4 instances: over 20 s) because the wait for mid-run polls with
   * the previous version's CLI, a JVM start per poll, which took seconds on a loaded machine: with
   * 0.5 s naps every workflow had ended before the kill.
   */
  private static final String NAPS =
      """
      {"workflow": "naps", "version": 1,
       "data": {"first": [{"ms": 600}], "second": [{"ms": 1500}, {"ms": 1500}, {"ms": 1500}],
                "third": [{"ms": 100}, {"ms": 100}]},
       "phases": {
         "first": {"is_initial": true, "transitions_to": "second",
                   "handlers": [{"name": "Sleeper", "for_each": "/data/first"}]},
         "second": {"transitions_to": "third",
                    "handlers": [{"name": "Sleeper", "for_each": "/data/second"}]},
         "third": {"transitions_to": "done",
                   "handlers": [{"name": "Sleeper", "for_each": "/data/third"}]},
         "done": {"is_final": true}}}
      """;

  /** Each transition once, in order, with the jobs its phase fans out, all succeeded. */
  private static final List<String> HISTORY =
      List.of(
          "null→first 0/0",
          "first→second 1/1",
          "second→third 3/3",
          "third→done 2/2",
          "done→null 0/0");

  @Test
  void workflowsStartedByThePreviousVersionFinishOnThisOne(@TempDir Path dir) throws Exception {
    PhaseflowVersion previous = PhaseflowVersion.jar(previousJar());
    PhaseflowVersion current = PhaseflowVersion.current();
    Path definition = Files.writeString(dir.resolve("naps.json"), NAPS);
    String ns = RedisCleanup.uniquePrefix("pfupgrade");
    List<String> servers =
        List.of(
            "--namespace",
            ns,
            "--redis",
            TestServers.redisUrlOnTestDatabase(),
            "--amqp",
            TestServers.amqpUrl());
    try {
      previous.run(concat(List.of("load", definition.toString()), servers));
      List<String> ids;
      try (PhaseflowVersion.Running engine =
              previous.start(concat(List.of("engine", "--quiet"), servers), "consuming");
          PhaseflowVersion.Running handlers =
              previous.start(
                  concat(List.of("handlers", "--queue", "Sleeper", "--instances", "4"), servers),
                  "instance(s) of Sleeper")) {
        ids =
            previous
                .run(
                    concat(List.of("start", "naps", "--count", String.valueOf(WORKFLOWS)), servers))
                .lines()
                .toList();
        assertThat(ids).hasSize(WORKFLOWS);
        awaitMidRun(previous, servers);
        // Killed, not stopped: jobs in hand and messages not yet acknowledged go back to the
        // queues for this version to take.
        engine.kill();
        handlers.kill();
      }
      JsonNode left = list(previous, servers);
      assertThat(left.findValuesAsText("status"))
          .as("mid-run when the old processes died: %s", left)
          .hasSize(WORKFLOWS)
          .containsOnly("running");

      try (PhaseflowVersion.Running engine =
              current.start(concat(List.of("engine", "--quiet"), servers), "consuming");
          PhaseflowVersion.Running handlers =
              current.start(
                  concat(List.of("handlers", "--queue", "Sleeper", "--instances", "8"), servers),
                  "instance(s) of Sleeper")) {
        awaitNoneRunning(servers);
      }
      for (String id : ids) {
        JsonNode status = JSON.readTree(cli(concat(List.of("status", id, "--json"), servers)));
        assertThat(status.path("status").asText()).as("%s: %s", id, status).isEqualTo("succeeded");
        assertThat(transitions(status.path("history"))).as("history of %s", id).isEqualTo(HISTORY);
      }
      try (RabbitBus rabbit = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
        assertThat(rabbit.depth(RabbitBus.deadLetterQueue(ns)))
            .as("nothing either version wrote was refused by the other")
            .hasValue(0);
      }
    } finally {
      CliProcess.deleteSampleCluster(ns, TestServers.amqpUrl());
    }
  }

  /**
   * The jar {@code ./phaseflow-test} built with {@code .ci/build-previous-jar}. Missing, the test
   * fails saying how to build it; {@code unavailable} is how {@code ./phaseflow-test} reports that
   * the commit could not be built here (it printed why, and prints it again at its end).
   */
  private static Path previousJar() {
    String jar = System.getenv("PHASEFLOW_UPGRADE_JAR");
    if ("unavailable".equals(jar)) {
      Assumptions.abort(
          "the upgrade test did not run: .ci/build-previous-jar could not build the commit in"
              + " .ci/upgrade-from (its message above says why)");
    }
    assertThat(jar)
        .as(
            "PHASEFLOW_UPGRADE_JAR is not set: the upgrade test needs the previous version's jar."
                + " Build it with .ci/build-previous-jar (it prints the path) and set"
                + " PHASEFLOW_UPGRADE_JAR to that path, or run ./phaseflow-test, which does both")
        .isNotBlank();
    assertThat(Path.of(jar))
        .as("PHASEFLOW_UPGRADE_JAR=%s: no such file; rebuild with .ci/build-previous-jar", jar)
        .isRegularFile();
    return Path.of(jar);
  }

  /** Until some workflow has left its first phase; none can have ended by then (see NAPS). */
  private static void awaitMidRun(PhaseflowVersion previous, List<String> servers)
      throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      JsonNode list = list(previous, servers);
      if (list.findValues("entry").stream().anyMatch(e -> e.asInt() > 1)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("no workflow left its first phase: %s", list));
      }
      Thread.sleep(100);
    }
  }

  private static void awaitNoneRunning(List<String> servers) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    List<String> args = concat(List.of("list", "--state", "running", "--json"), servers);
    while (true) {
      JsonNode running = JSON.readTree(cli(args)).path("workflows");
      if (running.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            String.format(
                "this version did not finish what the previous one started: %s", running));
      }
      Thread.sleep(250);
    }
  }

  private static JsonNode list(PhaseflowVersion version, List<String> servers) throws Exception {
    return JSON.readTree(
        version.run(
            concat(List.of("list", "--definition", "naps", "--limit", "500", "--json"), servers)));
  }

  private static List<String> transitions(JsonNode history) {
    List<String> lines = new ArrayList<>();
    for (JsonNode t : history) {
      JsonNode jobs = t.path("jobs");
      lines.add(
          t.path("from").asText()
              + "→"
              + t.path("to").asText()
              + " "
              + jobs.path("succeeded").asInt()
              + "/"
              + jobs.path("total").asInt());
    }
    return lines;
  }

  /** This version's CLI, in this JVM. */
}
