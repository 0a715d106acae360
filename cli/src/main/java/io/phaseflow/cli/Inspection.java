package io.phaseflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.state.StateStore;
import java.io.UncheckedIOException;

/** What the read-only commands ({@code history}, {@code status}, {@code list}) share. */
final class Inspection {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Inspection() {}

  /**
   * The workflow {@code id} from the cluster's store.
   *
   * @throws NotFound saying where it was looked for and that finished workflows expire
   */
  static WorkflowView find(Cluster cluster, String id) {
    return new Inspector(cluster.store())
        .workflow(id)
        .orElseThrow(
            () ->
                new NotFound(
                    "no workflow with id '"
                        + id
                        + "' exists in "
                        + cluster.stateWhere()
                        + " (use --namespace for another prefix); finished workflows are kept"
                        + " for "
                        + StateStore.DEFAULT_RETENTION.toDays()
                        + " days, then deleted"));
  }

  /** Pretty-printed JSON with a final newline. */
  static String json(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node)
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
