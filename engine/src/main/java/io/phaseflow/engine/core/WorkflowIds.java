package io.phaseflow.engine.core;

import io.phaseflow.engine.RejectedInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Workflow ids, the one place they are made. A fresh id is short and roughly time-ordered: base-36
 * milliseconds then 6 random base-36 characters, e.g. {@code mhx3k2q1-4f9zab}; short ids keep every
 * Redis key of a workflow small. An id for an idempotency key is derived from the key alone, so
 * every start with one key names one workflow and the store's {@code start} step (which does
 * nothing when the id exists) makes it exactly once, on any engine. Thread-safe.
 */
final class WorkflowIds {
  /** The longest idempotency key accepted. */
  static final int MAX_KEY_LENGTH = 200;

  /** Marks an id derived from a key; a fresh id starts with 8 base-36 digits, never with this. */
  static final String KEYED_PREFIX = "k-";

  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  /** 20 base-32 characters: 100 bits of SHA-256, far past any chance of two keys colliding. */
  private static final int KEYED_CHARS = 20;

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

  /**
   * The id of the workflow started with idempotency key {@code key}: {@code k-} and 20 base-32
   * characters of the key's SHA-256. The key is taken as given (no namespace, no trimming), so a
   * client repeating it byte for byte always names the same workflow.
   *
   * @throws RejectedInput when the key is empty, blank or longer than {@value #MAX_KEY_LENGTH}
   */
  static String forKey(String key) {
    check(key);
    byte[] hash = sha256(key.getBytes(StandardCharsets.UTF_8));
    StringBuilder id = new StringBuilder(KEYED_PREFIX);
    int bits = 0;
    int buffer = 0;
    for (int i = 0; id.length() < KEYED_PREFIX.length() + KEYED_CHARS; ) {
      if (bits < 5) {
        buffer = (buffer << 8) | (hash[i++] & 0xff);
        bits += 8;
      }
      id.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
      bits -= 5;
    }
    return id.toString();
  }

  private static void check(String key) {
    if (key == null || key.isEmpty() || key.isBlank()) {
      throw new RejectedInput(
          "the idempotency key is empty; give 1 to "
              + MAX_KEY_LENGTH
              + " characters that name the business operation, e.g. order-1234");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw new RejectedInput(
          "the idempotency key is "
              + key.length()
              + " characters, over the limit of "
              + MAX_KEY_LENGTH
              + "; use a shorter one, e.g. a hash of the operation");
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
