package io.phaseflow.engine.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.engine.plan.CompletionRules;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.plan.TaskFanout;
import io.phaseflow.engine.state.EntryRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the complete script's EXPAND reply (the gates a success completes, their specs and their
 * sources' outputs) into the arguments that expand them when the script runs again: the same {@link
 * TaskFanout} decision the in-memory store takes under its lock. Pure; thread-safe.
 */
final class RedisExpansions {
  private final ObjectMapper json;
  private final EntryCodec entries;

  RedisExpansions(ObjectMapper json, EntryCodec entries) {
    this.json = json;
    this.entries = entries;
  }

  /**
   * ARGV[8] on: the reply's signature, then per gate its index and either -1, first error and error
   * or the element count and their specs.
   *
   * @param reply {EXPAND, signature, handler table, gate, spec, sources n, (index, spec,
   *     output)...}
   * @param own the completing job's output (the reply has none for it)
   * @param data the workflow's data
   */
  List<String> args(List<Object> reply, JsonNode own, JsonNode data) {
    String signature = (String) reply.get(1);
    String table = (String) reply.get(2);
    int jobs = Integer.parseInt(signature.substring(0, signature.indexOf(':')));
    List<String> args = new ArrayList<>();
    args.add(signature);
    int i = 3;
    while (i < reply.size()) {
      int gate = Integer.parseInt((String) reply.get(i));
      String gateSpec = (String) reply.get(i + 1);
      JobSpec spec = entries.spec(gate, table, gateSpec);
      int sources = Integer.parseInt((String) reply.get(i + 2));
      i += 3;
      Map<String, JsonNode> outputs = new LinkedHashMap<>();
      for (int s = 0; s < sources; s++, i += 3) {
        JobSpec source =
            entries.spec(Integer.parseInt((String) reply.get(i)), table, (String) reply.get(i + 1));
        Object out = reply.get(i + 2);
        outputs.put(source.name(), out == null ? own : Json.read(json, (String) out));
      }
      TaskFanout.Expansion e =
          TaskFanout.expand(spec, outputs, data == null ? NullNode.getInstance() : data, jobs);
      args.add(Integer.toString(gate));
      if (e.failed()) {
        args.add("-1");
        args.add(EntryRecord.firstError(CompletionRules.label(gate, Optional.of(spec)), e.error()));
        args.add(e.error());
      } else {
        args.add(Integer.toString(e.elements().size()));
        e.elements().forEach(el -> args.add(entries.elementSpec(gateSpec, el)));
        jobs += e.elements().size();
      }
    }
    return args;
  }
}
