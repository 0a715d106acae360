package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.core.Embedded;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.HandlerLimit;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.samples.SampleHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code history}, {@code status} and {@code list} end to end: workflows run by a real engine with
 * its state in Redis (under a prefix of this test's own), then read back through the command line.
 */
class InspectCommandsIT extends CliCapture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = RedisCleanup.uniquePrefix("cli-inspect-");
  private static RedisConnector connector;
  private static StateStore store;
  private static final List<String> searches = new ArrayList<>();
  private static final List<String> payments = new ArrayList<>();

  @BeforeAll
  static void runWorkflows() throws Exception {
    connector = new RedisConnector(TestServers.redisSettings());
    try (Embedded embedded =
        new Embedded(
            SampleHandlers.registry(),
            2,
            WorkflowListener.NONE,
            RedisStateStore.connect(connector, PREFIX, Duration.ofMinutes(10)))) {
      for (String name : List.of("search.json", "payments-failing.json")) {
        embedded.engine().plans().add(CompiledDefinition.of(RepoFiles.definition(name)).plan());
      }
      for (int i = 0; i < 3; i++) {
        searches.add(run(embedded, "search"));
      }
      for (int i = 0; i < 2; i++) {
        payments.add(run(embedded, "payments-failing"));
      }
    }
    store = RedisStateStore.connect(connector, PREFIX, Duration.ofMinutes(10));
  }

  private static String run(Embedded embedded, String definition) {
    String id = embedded.engine().startWorkflow(definition, null);
    embedded.engine().await(id, Duration.ofSeconds(30));
    return id;
  }

  @AfterAll
  static void deleteKeys() {
    if (store != null) {
      store.close();
    }
    RedisCleanup.deletePrefix(connector, PREFIX);
    connector.close();
  }

  @Override
  protected int phaseflow(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--redis", TestServers.redisUrlOnTestDatabase(), "--namespace", PREFIX));
    return super.phaseflow(all.toArray(String[]::new));
  }

  @Test
  void historyShowsEveryTransitionWithItsJobsAndWhereTheWorkflowEnded() {
    assertThat(phaseflow("history", searches.get(0))).as(err).isZero();

    assertThat(out)
        .startsWith("workflow " + searches.get(0) + ": search v1, started ")
        .containsSubsequence(
            "→ pending",
            "pending → searching",
            "searching → fetching-pages",
            "LocalSearcher 1/1 ok",
            "fetching-pages → finished",
            "PageSummarizer 3/3 ok",
            "finished → (end)",
            "JobFinisher 1/1 ok",
            "succeeded in phase 'finished' after ")
        .containsPattern("fetching-pages → finished\\s+succeeded\\s+[\\d.]+ m?s");
  }

  @Test
  void historyOfAFailedWorkflowNamesTheFailingJobAndItsError() {
    assertThat(phaseflow("history", payments.get(0))).as(err).isZero();

    assertThat(out)
        .containsSubsequence(
            "validating → rejected",
            "failed",
            "PaymentValidator 0 ok, 1 failed",
            "\n              error: job 0 (PaymentValidator): ",
            "payment p-2 (data.payments[1]) has amount -15.0",
            "rejected → (end)",
            "failed in phase 'rejected' after ")
        .doesNotContain("settling");
  }

  @Test
  void historyAsJsonHasOneObjectPerTransition() throws Exception {
    assertThat(phaseflow("history", payments.get(1), "--json")).as(err).isZero();

    JsonNode history = JSON.readTree(out);
    assertThat(history).hasSize(3);
    assertThat(history.get(1).get("from").asText()).isEqualTo("validating");
    assertThat(history.get(1).get("reason").asText()).isEqualTo("failed");
    assertThat(history.get(1).get("error").asText()).contains("p-2");
    assertThat(history.get(1).at("/handlers/PaymentValidator/failed").asInt()).isEqualTo(1);
  }

  @Test
  void anUnknownIdExitsTwoSayingWhereItLookedAndForHowLongWorkflowsAreKept() {
    assertThat(phaseflow("history", "no-such-id")).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err)
        .contains("no workflow with id 'no-such-id' exists in Redis redis://")
        .contains("/15 under prefix '" + PREFIX + "'")
        .contains("kept for 7 days");

    assertThat(phaseflow("status", "no-such-id")).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err).contains("no workflow with id 'no-such-id'");
  }

  @Test
  void statusOfAFinishedWorkflowShowsItsPhasesAndLastJobs() {
    assertThat(phaseflow("status", payments.get(0))).as(err).isZero();

    assertThat(out)
        .contains("definition  payments-failing v1")
        .contains("status      failed after ")
        .contains("phase       rejected (entry 2), ended ")
        .contains("failure     in validating: job 0 (PaymentValidator): ")
        .contains("ErrorReporter  [####################]  1/1")
        .containsSubsequence("phases:", "validating  failed", "rejected    succeeded");
  }

  @Test
  void statusAsJsonIsInspectJsonsWorkflow() throws Exception {
    assertThat(phaseflow("status", searches.get(1), "--json")).as(err).isZero();

    JsonNode wf = JSON.readTree(out);
    assertThat(wf.get("id").asText()).isEqualTo(searches.get(1));
    assertThat(wf.get("status").asText()).isEqualTo("succeeded");
    assertThat(wf.at("/phases/fetching-pages/jobs/succeeded").asInt()).isEqualTo(3);
    assertThat(wf.get("history")).hasSize(5);
  }

  @Test
  void statusOfARunningWorkflowShowsProgressAndWatchWaitsForItsEnd() throws Exception {
    String id = startByHand(3);
    store.complete(
        id, 1, 0, 1, JobResult.success(JsonNodeFactory.instance.nullNode()), "job 0", now());

    assertThat(phaseflow("status", id)).as(err).isZero();
    assertThat(out)
        .contains("status      running")
        .containsPattern("phase       counting \\(entry 1\\) for [\\d.]+ m?s")
        .contains("Counter  [######--------------]  1/3");

    CompletableFuture<Void> finish =
        CompletableFuture.runAsync(
            () -> {
              sleep(400);
              for (int job = 1; job < 3; job++) {
                store.complete(id, 1, job, 1, JobResult.success(null), "job " + job, now());
              }
              store.advance(
                  id,
                  1,
                  new TransitionRecord(
                      "counting",
                      null,
                      TransitionReason.SUCCEEDED,
                      null,
                      now() - 500,
                      now(),
                      new JobCounts(3, 3, 0, 0),
                      Map.of("Counter", new JobCounts(3, 3, 0, 0))),
                  null,
                  false,
                  WorkflowStatus.SUCCEEDED);
            });
    int code = phaseflow("status", id, "--watch", "--interval", "100ms");
    finish.get(10, TimeUnit.SECONDS);

    assertThat(code).as(out + err).isZero();
    assertThat(out)
        .as("a new block each interval when not on a terminal, no ANSI codes")
        .containsSubsequence("status      running", "status      running", "status      succeeded")
        .doesNotContain("\u001b[");
  }

  @Test
  void statusOfARunningWorkflowSaysWhichOfItsHandlersIsLimitedWithTheLimitsUsage()
      throws Exception {
    String id = startByHand(3);
    HandlerLimit counter = new HandlerLimit("Counter", 1, 2, 0);
    store.limits().set(counter);
    store.limits().set(new HandlerLimit("Counter", 2, 9, 0)); // another major: not this one's
    try {
      long at = now();
      assertThat(store.limits().take(counter, id + "|1|0|1", at + 60_000, at, at + 100).taken())
          .isTrue();

      assertThat(phaseflow("status", id)).as(err).isZero();
      assertThat(out)
          .contains(
              "Counter  [--------------------]  0/3  limit v1: 2 concurrent; 1 lease held, 0 jobs"
                  + " deferred (all workflows)\n");

      assertThat(phaseflow("status", id, "--json")).as(err).isZero();
      JsonNode limits = JSON.readTree(out).get("limits");
      assertThat(limits).as(out).hasSize(1);
      assertThat(limits.get(0).toString())
          .isEqualTo(
              "{\"handler\":\"Counter\",\"major\":1,\"max_concurrent\":2,"
                  + "\"max_per_second\":0,\"leases\":1,\"deferred\":0}");
    } finally {
      store.limits().clear("Counter", 1);
      store.limits().clear("Counter", 2);
    }
    assertThat(phaseflow("status", id, "--json")).as(err).isZero();
    assertThat(JSON.readTree(out).has("limits")).as("no limit, no key").isFalse();
  }

  @Test
  void listShowsNewestFirstWithProgressAndFiltersByState() {
    assertThat(phaseflow("list")).as(err).isZero();
    assertThat(out.lines().findFirst().orElseThrow())
        .startsWith("ID")
        .contains("DEFINITION", "PROGRESS", "STARTED (UTC)", "DURATION");
    List<String> newestFirst = new ArrayList<>(reversed(payments));
    newestFirst.addAll(reversed(searches));
    assertThat(out)
        .containsSubsequence(newestFirst)
        .containsPattern(payments.get(1) + "\\s+payments-failing@1\\s+failed\\s+rejected\\s+1/1")
        .containsPattern(searches.get(0) + "\\s+search@1\\s+succeeded\\s+finished\\s+1/1");

    assertThat(phaseflow("list", "--state", "failed")).as(err).isZero();
    assertThat(out).contains(payments.get(0), payments.get(1)).doesNotContain(searches.get(0));
  }

  @Test
  void pagesFollowedByTheirCursorAreDisjointAndCoverEveryWorkflow() throws Exception {
    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      int code =
          after == null
              ? phaseflow("list", "--definition", "search", "--limit", "2", "--json")
              : phaseflow(
                  "list", "--definition", "search", "--limit", "2", "--json", "--after", after);
      assertThat(code).as(err).isZero();
      JsonNode page = JSON.readTree(out);
      assertThat(page.get("workflows").size()).isBetween(1, 2);
      for (JsonNode wf : page.get("workflows")) {
        assertThat(seen.add(wf.get("id").asText())).as("seen once: " + wf).isTrue();
        order.add(wf.get("id").asText());
        assertThat(wf.at("/progress/total").asInt()).isEqualTo(1);
      }
      after = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (after != null && pages < 10);

    assertThat(pages).isEqualTo(2);
    assertThat(order).containsExactlyElementsOf(reversed(searches));
  }

  @Test
  void aPageWithMoreToComePrintsTheCommandForTheNext() {
    assertThat(phaseflow("list", "--definition", "search", "--state", "finished", "--limit", "2"))
        .as(err)
        .isZero();

    assertThat(out)
        .containsPattern(
            "next page: phaseflow list --definition search --state finished --limit 2 --redis redis://\\S+/15"
                + " --namespace "
                + PREFIX
                + " --after \\d{15}:"
                + searches.get(1)
                + "\n");
  }

  @Test
  void badStateOrLimitExitsTwoWithTheReason() {
    assertThat(phaseflow("list", "--state", "done")).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err)
        .contains(
            "unknown state 'done'; use one of any, running, paused, succeeded, failed, canceled");

    assertThat(phaseflow("list", "--limit", "0")).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err).contains("limit 0 is out of range; ask for 1 to 500");

    assertThat(phaseflow("list", "--after", "nonsense")).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err).contains("cursor 'nonsense'");
  }

  private static String startByHand(int jobs) {
    String id = "hand-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      specs.add(
          new JobSpec(
              i, "Counter", "Counter", 1, 1, JsonNodeFactory.instance.nullNode(), List.of()));
    }
    assertThat(
            store.start(
                WorkflowRecord.created(
                    id, "by-hand", 1, JsonNodeFactory.instance.objectNode(), now()),
                new NewEntry(1, "counting", specs, null)))
        .isEqualTo(io.phaseflow.engine.state.WorkflowSteps.Started.STARTED);
    return id;
  }

  private static List<String> reversed(List<String> ids) {
    List<String> r = new ArrayList<>(ids);
    java.util.Collections.reverse(r);
    return r;
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
