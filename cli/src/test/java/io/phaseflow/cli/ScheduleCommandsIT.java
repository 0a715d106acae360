package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.ErrorKind;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code phaseflow schedule add|list|remove} on the real Redis, in a namespace of their own. */
class ScheduleCommandsIT extends CliCapture {
  private String ns;

  @BeforeEach
  void load() {
    ns = RedisCleanup.uniquePrefix("pfschedcli");
    assertThat(phaseflow("load", RepoFiles.definition("search.json").toString())).as(err).isZero();
  }

  @AfterEach
  void deleteNamespace() {
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      RedisCleanup.deletePrefix(redis, ns);
    }
  }

  @Override
  protected int phaseflow(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--redis", TestServers.redisUrlOnTestDatabase(), "--namespace", ns));
    return super.phaseflow(all.toArray(String[]::new));
  }

  @Test
  void addListAndRemove() {
    assertThat(phaseflow("schedule", "list")).as(err).isZero();
    assertThat(out).startsWith("no schedules in Redis");

    assertThat(
            phaseflow(
                "schedule",
                "add",
                "nightly",
                "--workflow",
                "search",
                "--cron",
                "0 3 * * *",
                "--zone",
                "Europe/Berlin",
                "--input",
                "{\"query\": \"tides\"}",
                "--no-overlap"))
        .as(err)
        .isZero();
    assertThat(out)
        .startsWith(
            "schedule nightly added: search every '0 3 * * * Europe/Berlin', skipping ticks while"
                + " its workflow runs; next run ")
        .contains(" 02:00:00 UTC"); // 03:00 in Berlin, in winter
    assertThat(phaseflow("schedule", "add", "search", "--cron", "@hourly")).as(err).isZero();

    assertThat(phaseflow("schedule", "list")).as(err).isZero();
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith("NAME     DEFINITION  CRON")
        .contains("NEXT RUN (UTC)", "LAST FIRED (UTC)", "LAST WORKFLOW", "OVERLAP", "SKIPPED");
    assertThat(lines.get(1))
        .startsWith("nightly  search      0 3 * * * Europe/Berlin")
        .contains("skip");
    assertThat(lines.get(2)).startsWith("search   search      @hourly").contains("allow");

    assertThat(phaseflow("schedule", "remove", "nightly")).as(err).isZero();
    assertThat(out).isEqualTo("schedule nightly removed\n");
    assertThat(phaseflow("schedule", "remove", "nightly"))
        .isEqualTo(ErrorKind.NOT_FOUND.exitCode());
    assertThat(err).contains("no schedule 'nightly'; known: search");
  }

  @Test
  void anUnknownDefinitionOrATakenNameIsRefused() {
    assertThat(phaseflow("schedule", "add", "import", "--cron", "@daily"))
        .isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err)
        .contains("schedule 'import' names definition 'import', which is not loaded; known: search")
        .contains("--workflow");
    assertThat(phaseflow("schedule", "add", "search", "--cron", "@daily")).as(err).isZero();
    assertThat(phaseflow("schedule", "add", "search", "--cron", "@hourly"))
        .isEqualTo(ErrorKind.STATE_CONFLICT.exitCode());
    assertThat(err).contains("schedule 'search' exists; remove it first");
  }
}
