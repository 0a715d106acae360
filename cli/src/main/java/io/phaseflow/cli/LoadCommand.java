package io.phaseflow.cli;

import io.phaseflow.engine.definition.DefinitionException;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisDefinitionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code phaseflow load FILE...}: validate definitions and store them in Redis, versioned. */
@Command(
    name = "load",
    description = "Validate definitions and store them in Redis, by name and version.")
final class LoadCommand implements Callable<Integer> {
  @Mixin ServerOptions servers;

  @Parameters(arity = "1..*", paramLabel = "FILE")
  List<Path> files;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failed = 0;
    try (Cluster cluster = new Cluster(servers, "load")) {
      RedisDefinitionStore store = cluster.definitions();
      for (Path file : files) {
        try {
          CompiledDefinition d = CompiledDefinition.of(file);
          RedisDefinitionStore.Stored result = store.save(d);
          out.printf(
              "%-9s %s v%d  (%s)%n",
              result == RedisDefinitionStore.Stored.ADDED ? "loaded" : "unchanged",
              d.name(),
              d.version(),
              file);
        } catch (DefinitionException e) {
          failed++;
          err.printf("FAIL %s: %d error(s)%n", file, e.errors().size());
          e.errors().forEach(x -> err.println("  " + x));
        }
      }
    }
    out.flush();
    err.flush();
    return failed == 0 ? 0 : 1;
  }
}
