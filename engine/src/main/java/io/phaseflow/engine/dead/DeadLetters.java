package io.phaseflow.engine.dead;

import io.phaseflow.engine.NotFound;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A namespace's dead letters, the messages that can never be processed, each with its reason and
 * the queue it came from: listed, shown, published again to that queue ({@link #requeue}) once the
 * cause is fixed, or dropped. The dead-letter queue itself is the store: nothing is copied
 * elsewhere, so a dead letter is never lost between two places nor kept after it is gone.
 *
 * <p>A port: the transport implements it (the dead-letter queue on RabbitMQ, a list in memory), the
 * command line and the HTTP API use it. Implementations are thread-safe. On RabbitMQ each call
 * reads the queue from its head ({@link #SCAN_LIMIT} at most): two calls at the same moment may
 * each miss the letters the other holds for that moment.
 */
public interface DeadLetters {
  /** The most dead letters a call reads; more stay in the queue, counted in {@link Page#total}. */
  int SCAN_LIMIT = 10_000;

  /** The most body characters a listing or {@link Letter#preview()} shows. */
  int PREVIEW_CHARS = 200;

  /**
   * A dead letter.
   *
   * @param id its message id (stable while it is dead-lettered; a letter without one is named by a
   *     hash of its body and reason)
   * @param queue the queue it came from, as the broker names it
   * @param reason why it can never be processed
   * @param at when it was dead-lettered, epoch ms; 0 when not recorded
   * @param failures the failed deliveries counted before it was dead-lettered
   * @param body the message as it was published
   */
  record Letter(String id, String queue, String reason, long at, int failures, byte[] body) {
    /** The body as text, cut to {@link #PREVIEW_CHARS} characters with a mark. */
    public String preview() {
      return preview(PREVIEW_CHARS);
    }

    /** The body as text, cut to {@code max} characters with a mark saying how long it is. */
    public String preview(int max) {
      String text = new String(body, StandardCharsets.UTF_8);
      return text.length() <= max
          ? text
          : text.substring(0, max) + "… (" + String.format("%,d", body.length) + " bytes)";
    }
  }

  /**
   * Dead letters oldest first.
   *
   * @param total how many the queue holds (can be more than {@code letters})
   */
  record Page(List<Letter> letters, long total) {}

  /** The first {@code limit} dead letters, oldest first. */
  Page list(int limit);

  Optional<Letter> show(String id);

  /**
   * Publishes the letter's body to the queue it came from, then removes it.
   *
   * @throws NotFound when no dead letter has that id
   */
  Letter requeue(String id);

  /**
   * Removes the letter for good.
   *
   * @throws NotFound when no dead letter has that id
   */
  Letter drop(String id);

  /** The error of an id that names no dead letter. */
  static NotFound notFound(String id) {
    return new NotFound(
        "no dead letter '"
            + id
            + "': it was requeued or dropped already, or never existed; list them with"
            + " phaseflow dead list");
  }
}
