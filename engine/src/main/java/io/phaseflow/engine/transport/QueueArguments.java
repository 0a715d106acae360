package io.phaseflow.engine.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments a queue is declared with: {@code x-queue-mode: lazy} for a classic queue (its
 * messages go to disk at once instead of being held in memory: ~2 bytes of broker memory per
 * waiting job instead of ~990, and no slower on this project's benchmarks); {@code x-queue-type:
 * quorum} and {@code x-queue-leader-locator: balanced} (leaders spread over the nodes, RabbitMQ
 * 3.10+) for a quorum queue. Knows how to follow a queue that exists with other arguments, from the
 * broker's {@code PRECONDITION_FAILED - inequivalent arg} reply. Immutable.
 *
 * @param map the arguments; empty for a classic queue
 */
record QueueArguments(Map<String, Object> map) {
  static final String TYPE = "x-queue-type";
  static final String LEADER_LOCATOR = "x-queue-leader-locator";
  static final String MODE = "x-queue-mode";
  static final QueueArguments CLASSIC = new QueueArguments(Map.of(MODE, "lazy"));
  static final QueueArguments QUORUM =
      new QueueArguments(Map.of(TYPE, "quorum", LEADER_LOCATOR, "balanced"));

  /**
   * E.g. {@code inequivalent arg 'x-queue-type' for queue 'q' in vhost '/': received none but
   * current is the value 'quorum' of type 'longstr'}.
   */
  private static final Pattern INEQUIVALENT =
      Pattern.compile(
          "inequivalent arg '([^']+)' for queue .* but current is (?:none|the value '([^']*)')");

  QueueArguments {
    map = Map.copyOf(map);
  }

  static QueueArguments of(boolean quorum) {
    return quorum ? QUORUM : CLASSIC;
  }

  boolean quorum() {
    return "quorum".equals(map.get(TYPE));
  }

  /** For {@code queueDeclare}: null for none. */
  Map<String, Object> forDeclare() {
    return map.isEmpty() ? null : map;
  }

  /** "quorum" or "classic", for messages. */
  String typeName() {
    return quorum() ? "quorum" : "classic";
  }

  /**
   * The arguments of the existing queue that the broker's refusal describes, when it is about the
   * queue type, a quorum queue's leader locator or a classic queue's mode (a queue declared before
   * classic queues were lazy keeps its mode), and the existing queue is a classic or quorum one;
   * empty for any other refusal (another argument, a stream, not a precondition at all).
   */
  Optional<QueueArguments> following(String reply) {
    Matcher m = INEQUIVALENT.matcher(reply == null ? "" : reply);
    if (!m.find()) {
      return Optional.empty();
    }
    String arg = m.group(1);
    String current = m.group(2); // null: the queue has none
    if (arg.equals(TYPE)) {
      if (current == null || current.equals("classic")) {
        return Optional.of(CLASSIC);
      }
      return current.equals("quorum") ? Optional.of(QUORUM) : Optional.empty();
    }
    if (arg.equals(MODE)) {
      // A quorum queue has no mode: a mode that is there is a classic queue's, whatever was asked.
      if (current != null) {
        return Optional.of(new QueueArguments(Map.of(MODE, current)));
      }
      return quorum() ? Optional.empty() : Optional.of(new QueueArguments(Map.of()));
    }
    if (arg.equals(LEADER_LOCATOR) && quorum()) {
      Map<String, Object> followed = new HashMap<>(map);
      if (current == null) {
        followed.remove(LEADER_LOCATOR);
      } else {
        followed.put(LEADER_LOCATOR, current);
      }
      return Optional.of(new QueueArguments(followed));
    }
    return Optional.empty();
  }
}
