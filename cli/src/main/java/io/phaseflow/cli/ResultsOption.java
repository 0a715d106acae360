package io.phaseflow.cli;

import io.phaseflow.engine.RejectedInput;
import picocli.CommandLine.Option;

/** {@code --results direct|messages}: how the benchmarks' handler process sends results. */
final class ResultsOption {
  @Option(
      names = "--results",
      defaultValue = "direct",
      paramLabel = "MODE",
      description = {
        "direct: the handler process records successes in Redis (handlers --direct, the default);",
        "messages: every result goes to the engine as a JobFinished"
      })
  String results;

  boolean direct() {
    return switch (results) {
      case "direct" -> true;
      case "messages" -> false;
      default -> throw new RejectedInput("--results " + results + ": say direct or messages");
    };
  }
}
