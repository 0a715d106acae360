package io.phaseflow.cli;

import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.core.Engine;
import picocli.CommandLine.Option;

/**
 * {@code --max-output-bytes N}: the largest job output engines record. The same value belongs on
 * every engine and every {@code handlers --direct} process of a cluster.
 */
final class OutputLimitOption {
  static final int MIN = 1024;
  static final int MAX = 64 * 1024 * 1024;

  @Option(
      names = "--max-output-bytes",
      paramLabel = "N",
      defaultValue = "" + Engine.DEFAULT_MAX_BYTES,
      description = {
        "the largest job output recorded (default: ${DEFAULT-VALUE}); a larger one fails its job.",
        "Raise it for a for_each over an earlier job's list of 100,000 elements (about 600 KB)"
      })
  int bytes;

  /** The limit, checked. */
  int bytes() {
    if (bytes < MIN || bytes > MAX) {
      throw new RejectedInput(
          String.format("--max-output-bytes must be from %,d to %,d, not %,d", MIN, MAX, bytes));
    }
    return bytes;
  }
}
