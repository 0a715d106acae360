package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.deployed.DeployedHandler;
import io.phaseflow.engine.deployed.HandlerSighting;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.state.StatusFilter;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.Queues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code start --key} and {@code dead list|show|drop} end to end on real servers, with an engine of
 * this test's own consuming the namespace's starts (no handlers: the workflows stay in their first
 * phase, which is all a start needs).
 */
class OperateCommandsIT extends CliCapture {
  private String ns;
  private Cluster cluster;
  private Engine engine;

  @BeforeEach
  void startEngine() {
    ns = RedisCleanup.uniquePrefix("pfoperate");
    assertThat(phaseflow("load", RepoFiles.definition("search.json").toString())).as(err).isZero();
    ServerOptions options = new ServerOptions();
    options.redis = TestServers.redisUrlOnTestDatabase();
    options.amqp = TestServers.amqpUrl();
    options.namespace = ns;
    cluster = new Cluster(options, "operate-test");
    engine = cluster.engine(new HandlerRegistry(), WorkflowListener.NONE, 2).start();
  }

  @AfterEach
  void deleteNamespace() {
    engine.close();
    cluster.close();
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      RedisCleanup.deletePrefix(redis, ns);
    }
    try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
      admin.deleteNamespace(
          ns, List.of(Queues.handler("LocalSearcher", 1), Queues.handler("PageSummarizer", 1)));
    }
  }

  @Override
  protected int phaseflow(String... args) {
    return onTestServers(ns, args);
  }

  @Test
  void concurrentStartsWithOneKeyMakeOneWorkflowAndARepeatSaysItExisted() throws Exception {
    int starters = 20;
    Set<String> printed = ConcurrentHashMap.newKeySet();
    List<Integer> codes = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < starters; i++) {
      Thread t =
          new Thread(
              () -> {
                StringWriter o = new StringWriter();
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                codes.add(
                    PhaseflowCommand.execute(
                        new PrintWriter(o),
                        new PrintWriter(new StringWriter()),
                        withTestServers(ns, "start", "search", "--key", "order-1")));
                printed.add(o.toString().strip());
              });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }

    assertThat(codes).hasSize(starters).containsOnly(0);
    assertThat(printed).hasSize(1);
    String id = printed.iterator().next();
    assertThat(id).startsWith("k-");
    await("the keyed start was stored", () -> cluster.store().workflow(id).isPresent());
    Thread.sleep(500); // every duplicate start has been taken by now
    assertThat(
            cluster
                .store()
                .list(new WorkflowQuery("search", StatusFilter.ANY, 100, null))
                .workflows())
        .extracting(w -> w.id())
        .containsExactly(id);

    assertThat(phaseflow("start", "search", "--key", "order-1")).as(err).isZero();
    assertThat(out.strip()).isEqualTo(id);
    assertThat(err)
        .contains(
            "phaseflow: workflow " + id + " already exists for key 'order-1'; nothing started");

    // No handlers process runs: status says which queue its job waits in, and what to start.
    await(
        "the workflow waits in searching",
        () -> phaseflow("status", id) == 0 && out.contains("waiting: no consumer"));
    // Each duplicate start published the ready job again (handlers are idempotent): n ready.
    assertThat(out)
        .containsPattern(
            "waiting: no consumer on "
                + ns
                + "\\.phaseflow\\.handler\\.LocalSearcher\\.v1 \\(LocalSearcher v1, \\d+ jobs? ready\\);"
                + " no handlers process has served it in this namespace; start one: phaseflow"
                + " handlers --queue LocalSearcher:1");
    // The same as JSON, shaped like GET /api/handlers.
    assertThat(phaseflow("status", id, "--json")).as(err).isZero();
    com.fasterxml.jackson.databind.JsonNode waiting =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString()).get("waiting");
    assertThat(waiting).as(out.toString()).hasSize(1);
    assertThat(waiting.get(0).get("queue").asText())
        .isEqualTo(ns + ".phaseflow.handler.LocalSearcher.v1");
    assertThat(waiting.get(0).get("unserved").asBoolean()).isTrue();
    assertThat(waiting.get(0).get("lastSeen").isNull()).isTrue();

    assertThat(phaseflow("start", "search", "--key", "order-1", "--count", "2")).isEqualTo(2);
    assertThat(err).contains("--key names one workflow, so it cannot go with --count 2");
    assertThat(phaseflow("start", "search", "--key", "x".repeat(201))).isEqualTo(2);
    assertThat(err).contains("the idempotency key is 201 characters, over the limit of 200");
  }

  @Test
  void loadWarnsOfHandlersNoProcessHasServedUntilOneAnnouncesThem() {
    // The namespace is new: the load in startEngine warned of both of search's handlers.
    assertThat(phaseflow("load", RepoFiles.definition("search.json").toString())).as(err).isZero();
    assertThat(err)
        .contains(
            "warning: search names handler LocalSearcher v1, which no handlers process of this"
                + " namespace has served in the last 7 days; its jobs wait until one runs:"
                + " phaseflow handlers --queue LocalSearcher:1")
        .contains("handler PageSummarizer v1");

    long now = System.currentTimeMillis();
    List<HandlerSighting> all = new ArrayList<>();
    for (String handler :
        CompiledDefinition.of(RepoFiles.definition("search.json")).plan().handlerNames()) {
      String[] nameVersion = handler.split(" v");
      all.add(
          new HandlerSighting(
              nameVersion[0], Integer.parseInt(nameVersion[1]), "1@test", 2, false, now));
    }
    cluster.handlerDirectory().announce(all);
    assertThat(phaseflow("load", RepoFiles.definition("search.json").toString())).as(err).isZero();
    assertThat(err).isEmpty();
    assertThat(cluster.handlerDirectory().find("LocalSearcher", 1, now + 1).orElseThrow())
        .isEqualTo(new DeployedHandler("LocalSearcher", 1, 1, 2, now, false));
  }

  @Test
  void aDeadLetterIsListedShownAndDropped() throws Exception {
    assertThat(phaseflow("dead", "list")).as(err).isZero();
    assertThat(out).isEqualTo("no dead letters in queue " + ns + ".phaseflow.dead-letter\n");
    cluster.bus().publish(Queues.WORKFLOW_START, "42".getBytes(StandardCharsets.UTF_8));
    await("dead-lettered", () -> phaseflow("dead", "list") == 0 && out.contains("d-"));

    String line = out.lines().filter(l -> l.startsWith("d-")).findFirst().orElseThrow();
    String id = line.substring(0, line.indexOf(' '));
    assertThat(line)
        .contains(ns + "." + Queues.WORKFLOW_START)
        .contains("body is a JSON number, expected a WorkflowStart object");

    assertThat(phaseflow("dead", "show", id)).as(err).isZero();
    assertThat(out)
        .contains("dead letter   " + id)
        .contains("queue         " + ns + "." + Queues.WORKFLOW_START)
        .contains("body          42");

    assertThat(phaseflow("dead", "drop", id)).as(err).isZero();
    assertThat(out)
        .isEqualTo("dropped dead letter " + id + " (from " + ns + ".phaseflow.workflow-start)\n");
    assertThat(phaseflow("dead", "show", id)).isEqualTo(2);
    assertThat(err).contains("no dead letter '" + id + "'");
    assertThat(phaseflow("dead", "list")).isZero();
    assertThat(out).startsWith("no dead letters");
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 15 s: " + what);
      }
      Thread.sleep(50);
    }
  }
}
