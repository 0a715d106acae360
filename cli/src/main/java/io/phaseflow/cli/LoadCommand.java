package io.phaseflow.cli;

import io.phaseflow.engine.definition.DefinitionException;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.SemanticVersion;
import io.phaseflow.engine.deployed.DeployedHandler;
import io.phaseflow.engine.deployed.HandlerDirectory;
import io.phaseflow.engine.deployed.HandlerSighting;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisDefinitionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code phaseflow load FILE...}: validate definitions and store them in Redis, versioned; every
 * workflow of a file that holds several.
 */
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
          for (CompiledDefinition d : CompiledDefinition.all(file)) {
            RedisDefinitionStore.Stored result = store.save(d);
            out.printf(
                "%-9s %s v%d  (%s)%n",
                result == RedisDefinitionStore.Stored.ADDED ? "loaded" : "unchanged",
                d.name(),
                d.version(),
                file);
            warnUnseen(cluster, d, err);
          }
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

  /**
   * Warns of each handler the definition names that no handlers process of this namespace has
   * announced (within the directory's memory): its jobs would wait, silently, until one runs.
   */
  private static void warnUnseen(Cluster cluster, CompiledDefinition d, PrintWriter err) {
    List<HandlerSighting> sightings = cluster.handlerDirectory().sightings();
    Set<String> seen =
        HandlerDirectory.aggregate(sightings, System.currentTimeMillis()).stream()
            .map(DeployedHandler::label)
            .collect(Collectors.toSet());
    for (HandlerReference h : d.plan().handlers()) {
      if (h.requirement().plainMajor() && !seen.contains(h.label())) {
        err.printf(
            "warning: %s names handler %s, which no handlers process of this namespace has served"
                + " in the last %d days; its jobs wait until one runs: phaseflow handlers --queue"
                + " %s%n",
            d.name(), h.label(), HandlerDirectory.FORGET.toDays(), h.name() + ":" + h.version());
      } else if (!h.requirement().plainMajor() && sightings.stream().noneMatch(s -> meets(h, s))) {
        err.printf(
            "warning: %s names handler %s (%s), which no version served by a handlers process of"
                + " this namespace in the last %d days meets; a start is refused until one runs%n",
            d.name(), h.label(), h.requirement().range(), HandlerDirectory.FORGET.toDays());
      }
    }
  }

  private static boolean meets(HandlerReference h, HandlerSighting s) {
    try {
      return s.name().equals(h.name()) && h.requirement().admits(SemanticVersion.parse(s.semver()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
