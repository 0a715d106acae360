package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.ProtocolSchemas;
import io.phaseflow.engine.testing.RecordingBus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.Priority;
import io.phaseflow.handlers.protocol.Queues;
import io.phaseflow.samples.SampleHandlers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Handlers in three languages on the real Redis and RabbitMQ, under a namespace of their own: Java
 * handlers and an engine in this JVM, the Python sample (handlers/python) and the Node sample
 * (handlers/node) as processes of their own, speaking only the job protocol (docs/protocol.md).
 * Every message they send the engine must validate against docs/schema/. Python and Node are
 * required: a machine without them fails here, naming what to install.
 */
class MixedHandlersIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> LANGUAGE_QUEUES =
      List.of(Queues.handler("PySectionCounter", 1), Queues.handler("NodeCountSummer", 1));

  @Test
  void javaPythonAndNodePhasesRunToFinishedAndAPythonRefusalReachesTheErrorPhase()
      throws Exception {
    Path root = RepoFiles.root();
    List<String> python = python(root);
    List<String> node = node(root);
    String ns = RedisCleanup.uniquePrefix("pfpoly");
    String amqp = TestServers.amqpUrl();
    List<String> servers = List.of("--amqp", amqp, "--namespace", ns);
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings());
        var store = RedisStateStore.connect(redis, ns, Duration.ofMinutes(5));
        RabbitBus rabbit = RabbitBus.connect(AmqpSettings.parse(amqp))) {
      NamespacedBus bus = new NamespacedBus(rabbit, ns);
      RecordingBus engineBus = new RecordingBus(bus); // sees what the handlers send the engine
      Engine engine = Engine.builder().store(store).bus(engineBus).build();
      DefinitionLoader loader = new DefinitionLoader();
      for (String file : List.of("word-counts.json", "rejected.json")) {
        engine
            .plans()
            .add(
                CompiledDefinition.compile(
                    loader.load(root.resolve("definitions/polyglot/" + file))));
      }
      engine.start();
      HandlerRunner java = new HandlerRunner(new BusJobSource(bus, Clock.systemUTC()));
      List<HandlerRunner.Deployment> deployed = new ArrayList<>();
      CliProcess py = null;
      CliProcess js = null;
      try {
        for (String name : List.of("BookSplitter", "ErrorReporter")) {
          deployed.add(java.deploy(SampleHandlers.registry().find(name, 1).orElseThrow(), 1));
        }
        py = started(python, servers, "instance(s) of PySectionCounter");
        js = started(node, servers, "instance(s) of NodeCountSummer");

        // Each Python and Node job takes 3.5 s against a heartbeat_timeout of 3 s: only their
        // heartbeats keep the attempts alive. High priority: every job goes to a .high queue,
        // which the Python and Node runners consume as the Java one does.
        String id =
            engine
                .startWorkflow(
                    "polyglot-word-counts",
                    JSON.readTree("{\"pause_ms\": 3500}"),
                    null,
                    Priority.HIGH)
                .id();
        WorkflowRecord wf = engine.await(id, Duration.ofSeconds(90));
        assertThat(wf.priority()).isEqualTo(Priority.HIGH);
        assertThat(wf.status()).as(outputs(py, js)).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(wf.phase()).isEqualTo("finished");
        assertThat(store.jobs(id, 2)).hasSize(3).allMatch(j -> j.attempt() == 1);
        JsonNode sum = store.jobs(id, 3).get(0).output();
        assertThat(sum)
            .isEqualTo(
                JSON.readTree(
                    "{\"sections\": 3, \"total_words\": 20, \"distinct_words\": 12, \"top\":"
                        + " [[\"the\", 6], [\"sea\", 3], [\"pulls\", 2], [\"and\", 1], [\"fall\","
                        + " 1], [\"less\", 1], [\"moon\", 1], [\"rise\", 1], [\"sees\", 1],"
                        + " [\"shore\", 1]]}"));
        assertThat(heartbeatsOfEntry(engineBus, id, 2)).as("Python's heartbeats").isPositive();
        assertThat(heartbeatsOfEntry(engineBus, id, 3)).as("Node's heartbeats").isPositive();

        String rejected = engine.startWorkflow("polyglot-rejected", null);
        WorkflowRecord failed = engine.await(rejected, Duration.ofSeconds(60));
        assertThat(failed.status()).as(outputs(py, js)).isEqualTo(WorkflowStatus.FAILED);
        assertThat(failed.phase()).isEqualTo("rejected");
        JobRecord empty = store.jobs(rejected, 2).get(1);
        assertThat(empty.error()).contains("section 1 ('Empty') has no text");
        assertThat(empty.attempt()).as("not retried: max_attempts 3 unused").isEqualTo(1);

        assertEveryHandlerMessageValidates(engineBus);
        // SIGTERM: both stop cleanly, as phaseflow handlers does.
        assertThat(stop(py)).as(py.output()).isZero();
        assertThat(stop(js)).as(js.output()).isZero();
        assertThat(py.output()).endsWith("stopped");
        assertThat(js.output()).endsWith("stopped");
      } finally {
        for (CliProcess p : new CliProcess[] {py, js}) {
          if (p != null) {
            p.close();
          }
        }
        deployed.forEach(HandlerRunner.Deployment::close);
        engine.close();
        RedisCleanup.deletePrefix(redis, ns);
        List<String> queues = new ArrayList<>(LANGUAGE_QUEUES);
        queues.add(Queues.handler("BookSplitter", 1));
        queues.add(Queues.handler("ErrorReporter", 1));
        rabbit.deleteNamespace(ns, queues);
      }
    }
  }

  /** Every message the handlers of all three languages sent the engine, and every Job. */
  private static void assertEveryHandlerMessageValidates(RecordingBus bus) {
    int checked = 0;
    for (RecordingBus.Seen m : bus.seen()) {
      ProtocolSchemas.Kind kind = ProtocolSchemas.kindOf(m.queue());
      if (kind != null) {
        assertThat(ProtocolSchemas.problems(kind, m.body())).as(m.toString()).isEmpty();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(10);
  }

  private static long heartbeatsOfEntry(RecordingBus bus, String id, int entry) {
    return bus.seen().stream()
        .filter(m -> m.consumed() && m.queue().equals(Queues.JOB_HEARTBEAT))
        .map(m -> read(m.body()))
        .filter(b -> b.path("workflowId").asText().equals(id) && b.path("entry").asInt() == entry)
        .count();
  }

  private static CliProcess started(List<String> command, List<String> servers, String ready)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(command);
    full.addAll(servers);
    full.addAll(List.of("--instances", "3"));
    CliProcess p = CliProcess.command(Map.of(), full);
    if (!p.awaitLine(l -> l.contains(ready), 60)) {
      String out = p.output();
      p.close();
      fail(String.join(" ", full) + " did not start within 60 s:\n" + out);
    }
    return p;
  }

  /** SIGTERM, then the exit code (-1 if it did not exit within 40 s). */
  private static int stop(CliProcess p) throws InterruptedException {
    return p.terminate(40);
  }

  /**
   * The Python with pika to run the sample with: PHASEFLOW_PYTHON, else Debian's /usr/bin/python3,
   * else python3 on the PATH.
   */
  private static List<String> python(Path root) throws IOException, InterruptedException {
    List<String> candidates = new ArrayList<>();
    String configured = System.getenv("PHASEFLOW_PYTHON");
    if (configured != null && !configured.isBlank()) {
      candidates.add(configured);
    }
    candidates.addAll(List.of("/usr/bin/python3", "python3"));
    for (String python : candidates) {
      if (runs(python, "-c", "import pika")) {
        return List.of(python, root.resolve("handlers/python/samples/word_counts.py").toString());
      }
    }
    return fail(
        "no python3 with pika ("
            + String.join(", ", candidates)
            + "): install them with apt-get install python3 python3-pika (./phaseflow-test does),"
            + " or set PHASEFLOW_PYTHON to a python3 that has pika");
  }

  private static List<String> node(Path root) throws IOException, InterruptedException {
    if (!runs("node", "--version")) {
      fail(
          "no node on the PATH: install it with apt-get install nodejs npm (./phaseflow-test does)");
    }
    Path handlers = root.resolve("handlers/node");
    if (!Files.isDirectory(handlers.resolve("node_modules/amqplib"))) {
      fail(
          "amqplib is not installed in " + handlers + ": run npm ci there (./phaseflow-test does)");
    }
    return List.of("node", handlers.resolve("samples/word-counts.js").toString());
  }

  private static boolean runs(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false; // not installed
    }
  }

  private static String outputs(CliProcess py, CliProcess js) {
    return "Python handler:\n" + py.output() + "\nNode handler:\n" + js.output();
  }

  private static JsonNode read(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
