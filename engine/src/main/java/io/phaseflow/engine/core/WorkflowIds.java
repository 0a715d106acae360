package io.phaseflow.engine.core;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Short, roughly time-ordered workflow ids: base-36 milliseconds then 6 random base-36 characters,
 * e.g. {@code mhx3k2q1-4f9zab}. Short ids keep every Redis key of a workflow small. Thread-safe.
 */
final class WorkflowIds {
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  WorkflowIds(Clock clock) {
    this.clock = clock;
  }

  String next() {
    StringBuilder id = new StringBuilder(Long.toString(clock.millis(), 36)).append('-');
    for (int i = 0; i < 6; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
