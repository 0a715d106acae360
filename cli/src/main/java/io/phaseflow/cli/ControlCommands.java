package io.phaseflow.cli;

import io.phaseflow.cli.print.HistoryPrinter;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.handlers.HandlerRegistry;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * What {@code pause}, {@code resume}, {@code cancel} and {@code redrive} share: the step on the
 * cluster, taken as the OS user, and the line that says where the workflow stands after it.
 */
final class ControlCommands {
  private ControlCommands() {}

  static int apply(
      ServerOptions server,
      CommandLine.Model.CommandSpec spec,
      String id,
      ControlAction action,
      String note) {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, action.verb())) {
      // An engine that consumes nothing: it publishes what the step lets go (held jobs, a held
      // PhaseFinished, a redriven phase's jobs) for the cluster's engines and handlers.
      Engine engine = cluster.engine(new HandlerRegistry(), WorkflowListener.NONE, 1);
      WorkflowRecord wf = engine.control().apply(id, action, who(), note);
      out.println(HistoryPrinter.controlled(wf, action));
      out.flush();
      return 0;
    }
  }

  /** Who acts, for the history line: the OS user. */
  static String who() {
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? "cli" : user;
  }
}
