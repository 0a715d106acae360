package io.phaseflow.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a long-running process waits for its servers at start-up. */
final class WaitOptions {
  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = "forever",
      converter = DurationConverter.OrForever.class,
      description = {
        "how long to wait for Redis and RabbitMQ at start-up, retrying every 0.5 s doubling",
        "to 10 s (e.g. 30s, 5m; default: forever); then exit 4"
      })
  Duration connectTimeout; // null: forever

  Backoff backoff() {
    return connectTimeout == null ? Backoff.FOREVER : Backoff.upTo(connectTimeout);
  }
}
