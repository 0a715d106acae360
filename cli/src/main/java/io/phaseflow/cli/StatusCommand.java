package io.phaseflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.cli.print.HandlerQueuePrinter;
import io.phaseflow.cli.print.StatusPrinter;
import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.deployed.HandlerQueue;
import io.phaseflow.engine.inspect.InspectJson;
import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.state.HandlerLimits;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow status ID}: where a workflow stands, optionally watched until it ends. */
@Command(
    name = "status",
    description = {
      "Show where a workflow stands.",
      "Its phase and for how long, its current jobs per handler as progress bars, and the",
      "phases visited so far. A handler with a limit (phaseflow limits set) says so on its",
      "line, with the leases it holds and the jobs deferred now across all workflows.",
      "With --watch, redraw every interval until it ends, then exit 0",
      "if it succeeded, 1 if it failed (as run does)."
    })
final class StatusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--json", description = "print the workflow as JSON")
  boolean json;

  @Option(names = "--watch", description = "redraw every interval until the workflow ends")
  boolean watch;

  @Option(
      names = "--interval",
      defaultValue = "1s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "time between redraws with --watch, e.g. 500ms, 1s, 2m (default: ${DEFAULT-VALUE})")
  Duration interval;

  @Mixin ServerOptions server;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    boolean redraw = watch && !json && System.console() != null;
    try (Cluster cluster = new Cluster(server, "status")) {
      int shownLines = 0;
      while (true) {
        WorkflowView view = Inspection.find(cluster, id);
        long now = System.currentTimeMillis();
        List<HandlerQueue> waiting = unserved(cluster, view);
        Map<String, HandlerLimits.Usage> limited = limited(cluster, view, now);
        String block =
            json
                ? Inspection.json(
                    withLimits(withWaiting(InspectJson.workflow(view, now), waiting), limited))
                : StatusPrinter.render(view, now, limited)
                    + HandlerQueuePrinter.unserved(waiting, now);
        if (redraw) {
          out.print(erase(shownLines));
        } else if (shownLines > 0) {
          out.println();
        }
        out.print(block);
        out.flush();
        shownLines = (int) block.lines().count();
        if (!watch) {
          return 0;
        }
        if (!view.running()) {
          return view.workflow().status() == WorkflowStatus.SUCCEEDED
              ? 0
              : PhaseflowCommand.WORKFLOW_FAILED;
        }
        Thread.sleep(interval.toMillis());
      }
    }
  }

  /**
   * For a running workflow, the queues of its phase's handlers that nothing consumes: its jobs
   * there wait until a handlers process starts. Empty when the broker or the directory cannot be
   * read: the status itself is what was asked for.
   */
  private static List<HandlerQueue> unserved(Cluster cluster, WorkflowView view) {
    if (!view.running()) {
      return List.of();
    }
    try {
      var wf = view.workflow();
      var plan = cluster.plans().get(wf.definition(), wf.version());
      var refs = plan.handlersOf(wf.phase()).stream().map(h -> routed(h, view.jobs())).toList();
      return new HandlerQueueReader(cluster)
          .read(refs).stream().filter(HandlerQueue::unserved).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /**
   * A version range's handler as the current entry's jobs were routed: the major they were sent to,
   * which the range resolved to when the entry was planned.
   */
  private static HandlerReference routed(HandlerReference h, List<JobRecord> jobs) {
    if (h.requirement().plainMajor()) {
      return h;
    }
    return jobs.stream()
        .map(JobRecord::spec)
        .filter(j -> j.handler().equals(h.name()) && h.requirement().admitsMajor(j.version()))
        .findFirst()
        .map(
            j ->
                new HandlerReference(
                    h.name(),
                    j.version(),
                    h.forEach(),
                    h.maxAttempts(),
                    h.policy(),
                    h.inputsFrom()))
        .orElse(h);
  }

  /**
   * The workflow's JSON with {@code "waiting"}: the unserved queues, as /api/handlers shows them.
   */
  private static ObjectNode withWaiting(ObjectNode workflow, List<HandlerQueue> waiting) {
    ArrayNode list = workflow.putArray("waiting");
    waiting.forEach(q -> list.add(InspectJson.handlerQueue(q)));
    return workflow;
  }

  /**
   * The limits on the running workflow's current handlers, read through the store's handler limits
   * (no read at all when none is set).
   */
  private static Map<String, HandlerLimits.Usage> limited(
      Cluster cluster, WorkflowView view, long now) {
    if (!view.running() || view.current() == null) {
      return Map.of();
    }
    List<HandlerLimits.Usage> usage = cluster.store().limits().usage(now);
    if (usage.isEmpty()) {
      return Map.of();
    }
    return CurrentLimits.of(
        view, view.jobs().isEmpty() ? planned(cluster, view) : List.of(), usage);
  }

  /** The current phase's handlers as the definition names them; none when it is not known here. */
  private static List<HandlerReference> planned(Cluster cluster, WorkflowView view) {
    var wf = view.workflow();
    try {
      return cluster.plans().get(wf.definition(), wf.version()).handlersOf(wf.phase());
    } catch (NotFound e) {
      return List.of();
    }
  }

  /**
   * The workflow's JSON with {@code "limits"}, as /api/limits shows them, when a current handler is
   * limited: without one the JSON is as before.
   */
  private static ObjectNode withLimits(
      ObjectNode workflow, Map<String, HandlerLimits.Usage> limited) {
    if (!limited.isEmpty()) {
      ArrayNode list = workflow.putArray("limits");
      limited.values().forEach(u -> list.add(InspectJson.handlerLimitUsage(u)));
    }
    return workflow;
  }

  /** ANSI: move the cursor up {@code lines} lines to the start of the block, clear to the end. */
  static String erase(int lines) {
    return lines == 0 ? "" : "\u001b[" + lines + "F\u001b[J";
  }
}
