package io.phaseflow.bench;

import java.util.List;
import java.util.Map;

/**
 * One workflow exactly as Redis holds it (README "State in Redis"), read key by key and not decoded
 * by the engine's own codecs, so the chaos check does not trust the code it checks.
 *
 * @param workflow the fields of {@code pf:{id}}
 * @param history the lines of {@code pf:{id}:h}, oldest first
 * @param entries the fields of {@code pf:{id}:e:N} by N, for N from 1 to the workflow's {@code e}
 *     (an entry that does not exist is absent)
 * @param ttlMillis every key read, with its remaining time to live in ms ({@code PTTL}: -1 none)
 */
record StoredWorkflow(
    String id,
    Map<String, String> workflow,
    List<String> history,
    Map<Integer, Map<String, String>> entries,
    Map<String, Long> ttlMillis) {}
