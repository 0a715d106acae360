package io.phaseflow.cli;

import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.DefinitionError;
import io.phaseflow.engine.definition.DefinitionException;
import io.phaseflow.engine.plan.CompiledDefinition;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow validate FILE...}: every error of every file, located. */
@Command(
    name = "validate",
    description = {
      "Check definitions; print every error with its file and JSON path.",
      "Exit 0 if all are valid, 1 if any has errors, 2 if a file is missing."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "definition files (JSON or YAML)")
  List<Path> files;

  @Option(
      names = "--workflow",
      paramLabel = "NAME",
      description = "the workflow to check when the file holds several (workflows: [...])")
  String workflow;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int invalid = 0;
    int missing = 0;
    for (Path file : files) {
      if (!Files.isRegularFile(file)) { // bad input (exit 2), not an invalid definition (exit 1)
        missing++;
        err.printf(
            "FAIL %s: definition file not found (hint: check the path and the working"
                + " directory)%n",
            file);
        continue;
      }
      try {
        Definition d = CompiledDefinition.of(file, workflow).definition();
        int size = d.kind() == Definition.Kind.TASKS ? d.tasks().size() : d.phases().size();
        String what = d.kind() == Definition.Kind.TASKS ? " tasks" : " phases";
        out.printf("ok  %s  (workflow %s v%d, %d%s)%n", file, d.name(), d.version(), size, what);
      } catch (DefinitionException e) {
        invalid++;
        err.printf("FAIL %s: %d error(s)%n", file, e.errors().size());
        for (DefinitionError error : e.errors()) {
          err.println("  " + error);
        }
      }
    }
    out.flush();
    err.flush();
    return missing > 0 ? PhaseflowCommand.BAD_INPUT : invalid == 0 ? 0 : 1;
  }
}
