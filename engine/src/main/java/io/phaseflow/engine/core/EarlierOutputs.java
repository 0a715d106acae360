package io.phaseflow.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobOutputs;
import io.phaseflow.engine.state.WorkflowReads;
import java.util.Optional;

/**
 * The outputs of a phase's latest entry, {@code {"Handler": [...]}} as a phase's inputs are: what a
 * {@code for_each} over {@code /outputs/<phase>/...} and a handler's {@code inputs_from} read. It
 * reads the workflow's entries back from a given one, so it is asked only for such definitions;
 * outputs over the output limit are refused, naming the phase. Thread-safe.
 */
final class EarlierOutputs {
  private final WorkflowReads store;
  private final int maxBytes;

  EarlierOutputs(WorkflowReads store, int maxBytes) {
    this.store = store;
    this.maxBytes = maxBytes;
  }

  /**
   * The outputs of the latest entry of {@code phase} at or before entry {@code from}, or null when
   * it has none.
   *
   * @throws RejectedInput when they are larger than the output limit
   */
  ObjectNode latest(String workflowId, int from, String phase) {
    for (int n = from; n >= 1; n--) {
      Optional<EntryRecord> entry = store.entry(workflowId, n);
      if (entry.isPresent() && entry.get().phase().equals(phase)) {
        ObjectNode outputs = JobOutputs.byHandler(store.jobs(workflowId, n));
        int size = outputs.toString().length();
        if (size > maxBytes) {
          throw new RejectedInput(
              String.format(
                  "the outputs of phase '%s' (entry %d) are %,d bytes, over the limit of %,d that"
                      + " a for_each over /outputs/%s or an inputs_from may read; read a smaller"
                      + " part, or have that phase store its results elsewhere",
                  phase, n, size, maxBytes, phase));
        }
        return outputs;
      }
    }
    return null;
  }
}
