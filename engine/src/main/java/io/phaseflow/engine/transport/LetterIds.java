package io.phaseflow.engine.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Ids of dead letters: a random one given when a message is dead-lettered (its AMQP message id),
 * and for a letter dead-lettered before ids were given, one derived from its body and reason, so
 * that it too keeps its id from one listing to the next. Thread-safe.
 */
final class LetterIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

  private LetterIds() {}

  /** A new id, {@code d-} and 10 base-36 characters. */
  static String next() {
    StringBuilder id = new StringBuilder("d-");
    for (int i = 0; i < 10; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  /** The id of a letter without one: {@code h-} and 10 hex digits of SHA-256(reason, body). */
  static String derived(String reason, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(body);
      return "h-" + HexFormat.of().formatHex(sha.digest()).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
