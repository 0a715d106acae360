package io.phaseflow.engine.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.plan.Fanout;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * How a task's {@code for_each} gate is kept in its entry hash (see {@link EntryCodec}): the fifth
 * element of its spec, {@code [pointer, [sources]]}, and its element range {@code "first,count"}
 * ({@code ""} until expanded). Pure.
 */
final class FanoutFields {
  private FanoutFields() {}

  /** A gate's element jobs as stored: "first,count", or "" while not expanded. */
  static String elements(Fanout f) {
    return f.expanded() ? f.first() + "," + f.count() : "";
  }

  static String csv(List<Integer> indexes) {
    StringJoiner out = new StringJoiner(",");
    indexes.forEach(i -> out.add(Integer.toString(i)));
    return out.toString();
  }

  static Fanout fanout(JsonNode f, String elements) {
    List<Integer> sources = new ArrayList<>();
    f.get(1).forEach(i -> sources.add(i.asInt()));
    Fanout pending = Fanout.pending(f.get(0).asText(), sources);
    if (elements == null || elements.isEmpty()) {
      return pending;
    }
    int comma = elements.indexOf(',');
    return pending.expandedAt(
        Integer.parseInt(elements.substring(0, comma)),
        Integer.parseInt(elements.substring(comma + 1)));
  }
}
