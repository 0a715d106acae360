package io.phaseflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.cli.print.HistoryPrinter;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.core.Embedded;
import io.phaseflow.engine.http.DefinitionCatalog;
import io.phaseflow.engine.http.HttpApi;
import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.metrics.PrometheusEngineMetrics;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisSettings;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.transport.DeadLetterQueues;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.MessageBus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow run FILE}: one workflow, embedded, with the sample handlers. */
@Command(
    name = "run",
    description = {
      "Run one workflow in this process and print each transition as it happens.",
      "State and queues in memory (state in Redis with --redis), sample handlers. Exit 0 only",
      "if it ends succeeded.",
      "--http PORT serves the dashboard and keeps serving after the workflow ends."
    })
final class RunCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int OUTPUT_CHARS = 300;

  @Parameters(paramLabel = "FILE", description = "definition file (JSON or YAML)")
  Path file;

  @Option(
      names = "--workflow",
      paramLabel = "NAME",
      description = "the workflow to run when the file holds several (workflows: [...])")
  String workflow;

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description = "input data merged over the definition's data; @path reads a file")
  String input;

  @Option(
      names = "--redis",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "URL",
      description = {
        "keep the workflow's state in Redis (default URL: $PHASEFLOW_REDIS_URL, else",
        "redis://127.0.0.1:6379); queues and handlers stay in this process"
      })
  String redis;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      converter = ServerOptions.NamespaceConverter.class,
      description = {
        "with --redis: keep the state under NAME instead of pf, as the cluster commands do;",
        "1 to 64 letters, digits, _ or -"
      })
  String namespace;

  @Option(names = "--instances", defaultValue = "4", description = "instances per handler")
  int instances;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "2m",
      converter = DurationConverter.class,
      description =
          "give up (exit 3) after this long, e.g. 30s, 2m, 1m30s (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Mixin HttpOptions http;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Served at /metrics with --http; null otherwise. */
  private PrometheusEngineMetrics metrics;

  private PrometheusEngineMetrics metrics(MessageBus bus, HandlerRegistry handlers) {
    metrics =
        new PrometheusEngineMetrics(bus, PrometheusEngineMetrics.engineAndHandlerQueues(handlers));
    DeadLetterQueues.count(bus, metrics::deadLettered);
    return metrics;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (namespace != null && redis == null) {
      throw new RejectedInput(
          "--namespace needs --redis: without it the state stays in this process");
    }
    String keyPrefix = namespace == null ? Cluster.KEY_PREFIX : namespace;
    CompiledDefinition definition = CompiledDefinition.of(file, workflow);
    HandlerRegistry handlers = HandlerLoader.load(List.of());
    Set<String> missing = definition.plan().handlersMissingFrom(handlers);
    if (!missing.isEmpty()) {
      // Embedded, nothing else could ever serve them: the workflow would wait for ever.
      throw new RejectedInput(
          file
              + ": no handler in this process serves "
              + String.join(", ", missing)
              + " (run has: "
              + handlers.all().stream()
                  .map(h -> h.name() + " v" + h.version())
                  .collect(Collectors.joining(", "))
              + "); run it on a cluster with phaseflow handlers --jar, or fix the handler's"
              + " name or version");
    }
    JsonNode data = InputOption.parse(input);
    RedisConnector connector = null;
    StateStore store = new InMemoryStateStore();
    RedisStateStore redisStore = null;
    if (redis != null) {
      connector = new RedisConnector(RedisSettings.fromEnvironment(redis.isEmpty() ? null : redis));
      store =
          redisStore = RedisStateStore.connect(connector, keyPrefix, StateStore.DEFAULT_RETENTION);
      out.printf("state in Redis at %s%n", connector.settings().redacted());
    }
    HistoryPrinter printer = new HistoryPrinter(out);
    try (RedisConnector closeLast = connector;
        Embedded embedded =
            new Embedded(
                handlers,
                instances,
                printer,
                store,
                bus -> http.enabled() ? metrics(bus, handlers) : EngineMetrics.NONE)) {
      embedded.engine().plans().add(definition.plan());
      HttpApi api =
          http.serve(
              embedded.engine().store(),
              DefinitionCatalog.of(embedded.engine().plans()),
              embedded.engine()::startWorkflow,
              embedded.engine().control()::apply,
              () -> metrics == null ? "" : metrics.scrape(),
              DeadLetterQueues.of(embedded.bus()),
              out);
      out.printf("workflow %s v%d from %s%n", definition.name(), definition.version(), file);
      String id = embedded.engine().startWorkflow(definition.name(), data);
      WorkflowRecord wf;
      try {
        wf = embedded.engine().await(id, timeout);
      } catch (PhaseflowException e) {
        spec.commandLine().getErr().println("phaseflow: " + e.getMessage());
        return PhaseflowCommand.TIMED_OUT;
      }
      printer.awaitLastLine(Duration.ofSeconds(5));
      summarise(out, embedded, wf);
      if (redisStore != null) {
        out.printf(
            "history kept in Redis for %d days: redis-cli%s LRANGE '%s' 0 -1%n",
            StateStore.DEFAULT_RETENTION.toDays(),
            redisStore.onCluster() ? " -c" : "", // -c: follow the cluster's MOVED replies
            redisStore.historyKey(wf.id()));
        out.printf(
            "read it again with: phaseflow history %s%s (or status, list)%n",
            wf.id(), namespace == null ? "" : " --namespace " + namespace);
      }
      if (api != null) {
        out.printf("workflow ended; serving %s until stopped (Ctrl-C)%n", api.url());
        out.flush();
        new CountDownLatch(1).await(); // the JVM's shutdown on Ctrl-C ends this
      }
      return wf.status() == WorkflowStatus.SUCCEEDED ? 0 : PhaseflowCommand.WORKFLOW_FAILED;
    }
  }

  private void summarise(PrintWriter out, Embedded embedded, WorkflowRecord wf) {
    List<TransitionRecord> history = embedded.engine().store().history(wf.id());
    out.printf(
        "workflow %s %s%n",
        wf.id(),
        HistoryPrinter.standing(new WorkflowView(wf, null, history), System.currentTimeMillis()));
    history.stream()
        .filter(t -> t.error() != null)
        .forEach(t -> out.printf("  failure in phase '%s': %s%n", t.from(), t.error()));
    for (JobRecord job : embedded.engine().store().jobs(wf.id(), wf.entry())) {
      if (job.output() != null && !job.output().isNull()) {
        String text = job.output().toString();
        if (text.length() > OUTPUT_CHARS) {
          text = text.substring(0, OUTPUT_CHARS) + "…";
        }
        out.printf("  output of %s: %s%n", job.spec().name(), text);
      }
    }
    out.flush();
  }
}
