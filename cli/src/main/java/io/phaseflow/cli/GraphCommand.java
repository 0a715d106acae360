package io.phaseflow.cli;

import io.phaseflow.engine.graph.GraphFormat;
import io.phaseflow.engine.graph.GraphRenderer;
import io.phaseflow.engine.plan.CompiledDefinition;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow graph FILE}: the phase graph and the DAG each phase entry creates. */
@Command(
    name = "graph",
    description = "Print a definition's phase graph and its DAG as Graphviz DOT or Mermaid.")
final class GraphCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "definition file (JSON or YAML)")
  Path file;

  @Option(
      names = "--workflow",
      paramLabel = "NAME",
      description = "the workflow to draw when the file holds several (workflows: [...])")
  String workflow;

  @Option(
      names = "--format",
      defaultValue = "mermaid",
      description = "dot or mermaid (default: ${DEFAULT-VALUE})",
      converter = FormatConverter.class)
  GraphFormat format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var plan = CompiledDefinition.of(file, workflow).plan();
    spec.commandLine().getOut().print(new GraphRenderer().render(plan, format));
    spec.commandLine().getOut().flush();
    return 0;
  }

  static final class FormatConverter implements CommandLine.ITypeConverter<GraphFormat> {
    @Override
    public GraphFormat convert(String value) {
      try {
        return GraphFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "unknown format '" + value + "': use dot or mermaid");
      }
    }
  }
}
