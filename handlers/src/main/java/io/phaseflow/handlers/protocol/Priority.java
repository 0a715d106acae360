package io.phaseflow.handlers.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A workflow's priority: every job of the workflow goes to its handler's queue of that priority
 * ({@link Queues#handler(String, int, Priority)}), and handler instances take a waiting job of a
 * higher priority before one of a lower. Declared from highest to lowest, so {@link #ordinal()}
 * orders them. RabbitMQ's quorum queues have no message priorities; one queue per level works on
 * classic and quorum queues alike.
 */
public enum Priority {
  HIGH,
  NORMAL,
  LOW;

  /** How the priority is spelled in requests, messages, status output and queue names. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The priority spelled {@code text} (any case); null or blank is {@link #NORMAL}, the priority of
   * a workflow started without one and of any workflow stored before priorities existed.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
   */
  public static Priority parse(String text) {
    if (text == null || text.isBlank()) {
      return NORMAL;
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (Priority p : values()) {
      if (p.wire().equals(t)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown priority '" + text + "'; expected one of " + accepted());
  }

  /** The accepted spellings, highest first: {@code high, normal, low}. */
  public static String accepted() {
    return Arrays.stream(values()).map(Priority::wire).collect(Collectors.joining(", "));
  }
}
