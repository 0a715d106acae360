package io.phaseflow.handlers.protocol;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.phaseflow.handlers.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The JSON wire format of {@link Job} and {@link JobFinished}. Unknown fields are ignored so that
 * newer engines and older handlers interoperate. Decoding is where a message is validated: a body
 * that is not an object of the type, or lacks what processing needs, is a {@link
 * MalformedMessageException} naming what is wrong, so consumers never see a half-formed message.
 *
 * <p>Every body carries {@code "format"}, the wire format it was written in ({@link #FORMAT}). It
 * is a body field rather than an AMQP header because the body is all a {@link MessageBus} carries:
 * the embedded bus, the dead letters and a message read back from a queue keep it without help.
 *
 * <p>A job message may also be a batch: a JSON array of job objects, each exactly what {@link
 * #encode} writes for one job ({@link #batch}, {@link #decodeJobs}). The array has no format of its
 * own; each job carries its own.
 */
public final class Messages {
  /**
   * The message format this code writes, and the newest it reads. 1 is the format before the field
   * existed (a body without {@code format} is read as 1); 2 added the field. Raise it when a
   * message changes so that an older reader would misread it; readers still accept every older
   * format.
   */
  public static final int FORMAT = 2;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  // A reader per type skips the per-call type resolution of ObjectMapper.readValue (hot path).
  private static final Map<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();

  private static final Map<Class<?>, Function<Object, String>> RULES =
      Map.of(
          Job.class, m -> MessageRules.job((Job) m),
          JobFinished.class, m -> MessageRules.jobFinished((JobFinished) m),
          JobHeartbeat.class, m -> MessageRules.jobHeartbeat((JobHeartbeat) m));

  private Messages() {}

  public static byte[] encode(Object message) {
    try {
      return JSON.writeValueAsBytes(new Envelope(FORMAT, message));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /**
   * One message body carrying several encoded jobs ({@link #encode} of a {@link Job} each): the
   * JSON array of them, written without decoding them again.
   */
  public static byte[] batch(List<byte[]> jobs) {
    int size = jobs.size() + 1;
    for (byte[] j : jobs) {
      size += j.length;
    }
    byte[] out = new byte[size];
    out[0] = '[';
    int at = 1;
    for (byte[] j : jobs) {
      System.arraycopy(j, 0, out, at, j.length);
      at += j.length;
      out[at++] = ',';
    }
    out[size - 1] = ']'; // replaces the last comma
    return out;
  }

  /**
   * The jobs of a job message: one for a single job object, each in order for a batch (a JSON
   * array). Each job is checked as {@link #decode} checks one.
   *
   * @throws MalformedMessageException when the body is neither a job object nor a non-empty array
   *     of them, or any job in it is malformed (the message names its place in the batch)
   */
  public static List<Job> decodeJobs(byte[] body) {
    int first = 0;
    while (first < body.length && Character.isWhitespace(body[first])) {
      first++;
    }
    if (first == body.length || body[first] != '[') {
      return List.of(decode(body, Job.class));
    }
    JsonNode array;
    try {
      array = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException(
          "not a valid batch of Job messages: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (array.isEmpty()) {
      throw new MalformedMessageException("body is an empty JSON array, expected Job objects");
    }
    List<Job> jobs = new ArrayList<>(array.size());
    ObjectReader reader = READERS.computeIfAbsent(Job.class, JSON::readerFor);
    for (int i = 0; i < array.size(); i++) {
      JsonNode element = array.get(i);
      try {
        if (!element.isObject()) {
          throw new MalformedMessageException(
              "a JSON "
                  + element.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                  + ", expected a Job object");
        }
        check("Job", element.get("format"), Job.class);
        Job job = reader.readValue(element);
        String reason = MessageRules.job(job);
        if (reason != null) {
          throw new MalformedMessageException(reason);
        }
        jobs.add(job);
      } catch (MalformedMessageException e) {
        throw new MalformedMessageException("job [" + i + "] of the batch: " + e.getMessage(), e);
      } catch (JsonProcessingException e) {
        throw new MalformedMessageException(
            "job [" + i + "] of the batch is not a valid Job message: " + e.getOriginalMessage(),
            e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return jobs;
  }

  /**
   * Decodes and checks a message body; {@link Job} and {@link JobFinished} are checked against
   * their required fields and ranges.
   *
   * @throws MalformedMessageException when the body is not a JSON object of that type, or misses
   *     what processing it needs
   */
  public static <T> T decode(byte[] body, Class<T> type) {
    return decode(body, type, RULES.getOrDefault(type, m -> null));
  }

  /**
   * Decodes a message body and checks it with {@code problem}, which returns why the decoded
   * message can never be processed (naming the field), or null when it is fine.
   *
   * @throws MalformedMessageException when the body is not a JSON object of that type, or {@code
   *     problem} found something
   */
  public static <T> T decode(byte[] body, Class<T> type, Function<? super T, String> problem) {
    String name = type.getSimpleName();
    T message = null;
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new MalformedMessageException(
            "body is " + describe(first) + ", expected a " + name + " object");
      }
      ObjectReader reader = READERS.computeIfAbsent(type, JSON::readerFor);
      // The format is checked before any field is bound, as it may give fields a newer meaning.
      // What this code writes has it first and is read in one pass; anything else via a tree.
      if (parser.nextToken() == JsonToken.FIELD_NAME && "format".equals(parser.currentName())) {
        parser.nextToken();
        check(name, parser.readValueAsTree(), type);
        if (parser.nextToken() == JsonToken.FIELD_NAME) {
          message = reader.readValue(parser); // binds the rest of the object
        }
      }
      if (message == null) {
        JsonNode tree = JSON.readTree(body);
        check(name, tree.get("format"), type);
        message = reader.readValue(tree);
      }
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException(
          "not a valid " + name + " message: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String reason = problem.apply(message);
    if (reason != null) {
      throw new MalformedMessageException(reason);
    }
    return message;
  }

  private static void check(String name, JsonNode format, Class<?> type) {
    String problem = MessageRules.format(name, format, reader(type));
    if (problem != null) {
      throw new MalformedMessageException(problem);
    }
  }

  /** Who reads a type, for the advice to upgrade it: handlers read jobs, the engine the rest. */
  private static String reader(Class<?> type) {
    return type == Job.class ? "the handler runner" : "the engine";
  }

  /** The body as written: the format first, then the message's own fields. */
  private record Envelope(int format, @JsonUnwrapped Object message) {}

  private static String describe(JsonToken token) {
    if (token == null) {
      return "empty";
    }
    return switch (token) {
      case VALUE_NULL -> "JSON null";
      case START_ARRAY -> "a JSON array";
      case VALUE_STRING -> "a JSON string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a JSON number";
      case VALUE_TRUE, VALUE_FALSE -> "a JSON boolean";
      default -> "JSON " + token;
    };
  }

  /**
   * A message that can never be processed (it cannot be decoded, or it names something that does
   * not exist); it belongs on a dead-letter queue with this message as the reason, never retried.
   */
  public static final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
      super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
