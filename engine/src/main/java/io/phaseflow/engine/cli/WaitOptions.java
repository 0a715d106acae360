package io.phaseflow.engine.cli;

import io.phaseflow.engine.PhaseflowException;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How long a long-running process waits for its servers at start-up. */
final class WaitOptions {
  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = "forever",
      description = {
        "how long to wait for Redis and RabbitMQ at start-up, retrying every 0.5 s doubling",
        "to 10 s (e.g. 30s, 5m; default: forever); then exit 4"
      })
  String connectTimeout;

  Backoff backoff() {
    if (connectTimeout.equalsIgnoreCase("forever")) {
      return Backoff.FOREVER;
    }
    try {
      return Backoff.upTo(new IntervalConverter().convert(connectTimeout));
    } catch (TypeConversionException e) {
      throw new PhaseflowException(
          "--connect-timeout " + connectTimeout + ": " + e.getMessage() + ", or forever", false);
    }
  }
}
