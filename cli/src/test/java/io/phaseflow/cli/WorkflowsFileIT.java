package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file of several workflows (workflows: [...]): load stores each, run and validate pick one. */
class WorkflowsFileIT extends CliCapture {
  private static final String TWO =
      """
      workflows:
        - name: first
          steps:
            - name: a
              queue: Noop
        - name: second
          steps:
            - name: b
              queue: Noop
            - name: c
              queue: Noop
              depends: [ b ]
      """;

  @Test
  void loadStoresEveryWorkflowOnceAndRunAndValidateTakeOneByName(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("two.yaml"), TWO);
    String ns = RedisCleanup.uniquePrefix("pfwfs");
    String redis = TestServers.redisUrlOnTestDatabase();
    try {
      assertThat(phaseflow("load", "--namespace", ns, "--redis", redis, file.toString()))
          .as(err)
          .isZero();
      assertThat(out).contains("loaded    first v1").contains("loaded    second v1");
      assertThat(phaseflow("load", "--namespace", ns, "--redis", redis, file.toString()))
          .as(err)
          .isZero();
      assertThat(out)
          .as("each workflow's stored text is the same on a second load")
          .contains("unchanged first v1")
          .contains("unchanged second v1");

      assertThat(phaseflow("run", file.toString())).isNotZero();
      assertThat(err).contains("holds 2 workflows: 'first', 'second'; say which one");
      assertThat(phaseflow("run", "--workflow", "second", file.toString())).as(err).isZero();
      assertThat(out).contains("succeeded");
      assertThat(phaseflow("validate", "--workflow", "first", file.toString())).isZero();
      assertThat(out).contains("(workflow first v1, 1 tasks)");
    } finally {
      try (RedisConnector connector = new RedisConnector(TestServers.redisSettings())) {
        RedisCleanup.deletePrefix(connector, ns);
      }
    }
  }
}
