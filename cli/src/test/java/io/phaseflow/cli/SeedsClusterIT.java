package io.phaseflow.cli;

import static io.phaseflow.cli.InProcessCli.cli;
import static io.phaseflow.cli.InProcessCli.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.bench.PhaseflowProcess;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.TestServers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed systems' examples in {@code definitions/seeds/}, as their authors wrote them, run to
 * their final state on the cluster: {@code phaseflow engine} and {@code phaseflow handlers} as
 * separate processes on real Redis and RabbitMQ, loaded and started with the CLI.
 */
class SeedsClusterIT {

  @Test
  void everySeedExampleRunsToItsFinalStateOnTheCluster() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfseeds");
    List<String> servers =
        List.of(
            "--namespace",
            ns,
            "--redis",
            TestServers.redisUrlOnTestDatabase(),
            "--amqp",
            TestServers.amqpUrl());
    try (PhaseflowProcess engine =
            PhaseflowProcess.start(concat(List.of("engine", "--quiet"), servers), "consuming on");
        PhaseflowProcess handlers =
            PhaseflowProcess.start(
                concat(List.of("handlers", "--queue", "all", "--instances", "2"), servers),
                "instance(s) of TaskHandler")) {
      for (String seed :
          List.of(
              "seeds/000-redis-workflow.json",
              "seeds/001-stepper-chain.json",
              "seeds/002-gush-import.json",
              "book-word-counts.yaml",
              "seeds/004-distribot-search.json")) {
        assertThat(cli(concat(List.of("load", definition(seed)), servers))).contains("loaded");
      }

      assertThat(cli(concat(List.of("start", "TestWorkflow", "--wait"), servers)))
          .contains("succeeded in phase 'succeeded'");
      assertThat(
              cli(
                  concat(
                      List.of(
                          "start", "deploy-on-push", "--wait", "--input", "{\"commit\": \"a1\"}"),
                      servers)))
          .containsSubsequence(
              "checkout → test", "test → deploy", "deploy → done", "succeeded in phase 'done'");
      String imported = cli(concat(List.of("start", "ImportWorkflow", "--wait"), servers));
      assertThat(imported).contains("succeeded in phase 'succeeded'");
      assertThat(cli(concat(List.of("result", firstLine(imported), "--json"), servers)))
          .as("the report over 3 CSV rows and 2 XML orders")
          .contains("\"GenReportJob\":{\"records\":5,");
      String words = cli(concat(List.of("start", "book-word-counts", "--wait"), servers));
      assertThat(words).contains("succeeded in phase 'succeeded'");
      assertThat(cli(concat(List.of("result", firstLine(words), "--json"), servers)))
          .contains("\"sum-splits\":{");
      assertThat(
              cli(
                  concat(
                      List.of("start", "search", "--wait", "--input", "{\"query\": \"redis\"}"),
                      servers)))
          .containsSubsequence(
              "searching → fetching-pages", "fetching-pages → finished", "succeeded in phase");
    } finally {
      CliProcess.deleteSampleCluster(ns, TestServers.amqpUrl());
    }
  }

  private static String firstLine(String out) {
    return out.lines().findFirst().orElseThrow().strip();
  }

  private static String definition(String file) {
    return RepoFiles.definition(file).toString();
  }
}
