package io.phaseflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.inspect.WorkflowResult;
import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What the read-only commands ({@code history}, {@code status}, {@code list}, {@code result})
 * share.
 */
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

  /**
   * The result of the ended workflow {@code view} shows, keyed as its definition says (guessed from
   * its jobs when the definition was never loaded, as after {@code run --redis}).
   *
   * @throws io.phaseflow.engine.StateConflict while the workflow runs or is paused
   */
  static WorkflowResult result(Cluster cluster, WorkflowView view) {
    return new Inspector(cluster.store()).result(view, wf -> plan(cluster, wf));
  }

  private static Optional<Plan> plan(Cluster cluster, WorkflowRecord wf) {
    try {
      return Optional.of(cluster.plans().get(wf.definition(), wf.version()));
    } catch (NotFound e) {
      return Optional.empty();
    }
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
