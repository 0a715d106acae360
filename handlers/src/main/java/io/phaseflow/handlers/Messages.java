package io.phaseflow.handlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON wire format of {@link Job} and {@link JobFinished}. Unknown fields are ignored so that
 * newer engines and older handlers interoperate.
 */
public final class Messages {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  // A reader per type skips the per-call type resolution of ObjectMapper.readValue (hot path).
  private static final Map<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();

  private Messages() {}

  public static byte[] encode(Object message) {
    try {
      return JSON.writeValueAsBytes(message);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decodes a message body.
   *
   * @throws MalformedMessageException when the body is not valid JSON of that type
   */
  public static <T> T decode(byte[] body, Class<T> type) {
    try {
      return READERS.computeIfAbsent(type, JSON::readerFor).readValue(body);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException(
          "not a valid " + type.getSimpleName() + " message: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A message that can never be processed (it cannot be decoded, or it names something that does
   * not exist); it belongs on a dead-letter queue with this message as the reason, never retried.
   */
  public static final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
