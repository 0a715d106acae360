package io.phaseflow.cli;

import io.phaseflow.cli.print.ListPrinter;
import io.phaseflow.engine.inspect.InspectJson;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.redis.RedisSettings;
import io.phaseflow.engine.state.StatusFilter;
import io.phaseflow.engine.state.WorkflowQuery;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phaseflow list}: workflows newest first, a page at a time. */
@Command(
    name = "list",
    description = {
      "List workflows in Redis, newest first.",
      "Each line: id, definition@version, status, phase, progress of the current phase, start",
      "(UTC) and duration; then the command that fetches the next page."
    })
final class ListCommand implements Callable<Integer> {
  @Option(names = "--definition", paramLabel = "NAME", description = "only this definition's")
  String definition;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      description =
          "only those that stand so: running, paused, succeeded, failed, canceled, finished"
              + " (any that ended)")
  String state;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "at most N a page, 1 to " + WorkflowQuery.MAX_LIMIT + " (default 20)")
  Integer limit;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "the page after this cursor, as printed below the previous page")
  String after;

  @Option(names = "--json", description = "print the page as JSON, its cursor as 'next'")
  boolean json;

  @Mixin ServerOptions server;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    WorkflowQuery query =
        new WorkflowQuery(
            definition,
            StatusFilter.parse(state),
            limit == null ? WorkflowQuery.DEFAULT_LIMIT : limit,
            after);
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "list")) {
      Inspector.Listing listing = new Inspector(cluster.store()).list(query);
      out.print(
          json
              ? Inspection.json(InspectJson.listing(listing))
              : ListPrinter.render(listing, System.currentTimeMillis(), command()));
      out.flush();
      return 0;
    }
  }

  /** This command again without --after: what fetches the next page, given its cursor. */
  private String command() {
    StringBuilder s = new StringBuilder("phaseflow list");
    if (definition != null) {
      s.append(" --definition ").append(ListPrinter.shellWord(definition));
    }
    if (state != null) {
      s.append(" --state ").append(ListPrinter.shellWord(state));
    }
    if (limit != null) {
      s.append(" --limit ").append(limit);
    }
    if (server.redis != null) {
      String shown = RedisSettings.parse(server.redis).redacted();
      // a URL with a password is left out rather than printed: set PHASEFLOW_REDIS_URL instead
      if (!shown.contains("***@")) {
        s.append(" --redis ").append(ListPrinter.shellWord(shown));
      }
    }
    if (server.namespace != null) {
      s.append(" --namespace ").append(ListPrinter.shellWord(server.namespace));
    }
    return s.toString();
  }
}
