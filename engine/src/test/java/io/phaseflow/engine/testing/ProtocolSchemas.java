package io.phaseflow.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.phaseflow.handlers.protocol.Queues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The job protocol's JSON Schemas as shipped in {@code docs/schema/} (docs/protocol.md), so tests
 * check real messages against the documented contract: a message that does not validate is a test
 * failure, and the document cannot drift from the code.
 */
public final class ProtocolSchemas {
  /** The message kinds a handler sees, by schema file. */
  public enum Kind {
    JOB("job.schema.json"),
    JOB_FINISHED("job-finished.schema.json"),
    JOB_HEARTBEAT("job-heartbeat.schema.json");

    private final String file;
    private volatile JsonSchema schema;

    Kind(String file) {
      this.file = file;
    }

    private JsonSchema schema() {
      if (schema == null) {
        Path path = RepoFiles.root().resolve("docs/schema").resolve(file);
        try {
          schema =
              JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                  .getSchema(JSON.readTree(path.toFile()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the protocol schema " + path, e);
        }
      }
      return schema;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProtocolSchemas() {}

  /** What is wrong with {@code body} as a message of {@code kind}: empty when it validates. */
  public static List<String> problems(Kind kind, byte[] body) {
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
    Set<ValidationMessage> errors = kind.schema().validate(tree);
    return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  /**
   * The kind of message on {@code queue} (its name inside a namespace or not), or null for a queue
   * that carries none of the handler messages.
   */
  public static Kind kindOf(String queue) {
    if (queue.endsWith(Queues.JOB_FINISHED)) {
      return Kind.JOB_FINISHED;
    }
    if (queue.endsWith(Queues.JOB_HEARTBEAT)) {
      return Kind.JOB_HEARTBEAT;
    }
    return queue.contains("phaseflow.handler.") ? Kind.JOB : null;
  }
}
