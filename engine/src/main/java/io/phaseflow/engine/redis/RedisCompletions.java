package io.phaseflow.engine.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowSteps;
import io.phaseflow.handlers.JobResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's {@code complete} step: one run of complete.lua, or, when the success completes the
 * parents of a task's {@code for_each} (the script answers EXPAND and changes nothing), a second
 * run with the element jobs {@link RedisExpansions} decides, which records the job and expands in
 * the same script run. Thread-safe.
 */
final class RedisCompletions {
  /** How often a completion asks again for the element jobs it expands before giving up. */
  private static final int MAX_EXPANSION_ROUNDS = 20;

  private final RedisScripts scripts;
  private final RedisLayout layout;
  private final RedisAttempts attempts;
  private final RedisReads reads;
  private final RedisExpansions expansions;
  private final RedisAttempts.Caller caller;
  private final RedisClusterAsyncCommands<String, String> async;

  RedisCompletions(
      RedisScripts scripts,
      RedisClusterAsyncCommands<String, String> async,
      RedisLayout layout,
      RedisAttempts attempts,
      RedisReads reads,
      RedisExpansions expansions,
      RedisAttempts.Caller caller) {
    this.scripts = scripts;
    this.async = async;
    this.layout = layout;
    this.attempts = attempts;
    this.reads = reads;
    this.expansions = expansions;
    this.caller = caller;
  }

  Completion complete(
      String id,
      int entry,
      int job,
      int attempt,
      JobResult result,
      String label,
      long startedAt,
      long at) {
    List<String> args = args(id, entry, job, attempt, result, label, startedAt, at);
    String[] k = keys(id, entry);
    List<Object> reply = run(k, args);
    // A success that completes the parents of a for_each gate expands it in the same step: the
    // script asks for the element jobs (changing nothing) and is run again with them; it runs
    // them only if the entry still is as it was asked (else it asks again).
    for (int asked = 1; RedisLayout.EXPAND.equals(reply.get(0)); asked++) {
      if (asked > MAX_EXPANSION_ROUNDS) {
        throw new StateConflict(
            "job "
                + job
                + " of entry "
                + entry
                + " of workflow '"
                + id
                + "' could not expand"
                + " its for_each tasks: the entry kept changing; its result is retried");
      }
      List<Object> asking = reply;
      JsonNode data = caller.call(() -> reads.workflow(id)).map(WorkflowRecord::data).orElse(null);
      List<String> expanded = new ArrayList<>(args.subList(0, 8));
      expanded.addAll(expansions.args(asking, result.output(), data));
      reply = run(k, expanded);
    }
    return completion(id, entry, reply);
  }

  /**
   * Several ends of one entry's jobs: complete.lua once per end, all sent before any reply is
   * awaited, so the batch costs one round trip. Redis runs them in order on the entry's node; each
   * is the same compare-and-set as {@link #complete}, so a repeat in the batch is a DUPLICATE and
   * an end of a replaced attempt STALE. An end the pipeline could not finish (the node did not have
   * the script cached, or the success expands a for_each) is taken again alone by {@link
   * #complete}: those replies changed nothing.
   */
  List<Completion> completeAll(String id, int entry, List<WorkflowSteps.JobEnd> ends) {
    String[] k = keys(id, entry);
    List<RedisFuture<List<Object>>> sent = new ArrayList<>(ends.size());
    for (WorkflowSteps.JobEnd e : ends) {
      String[] args =
          args(id, entry, e.job(), e.attempt(), e.result(), e.label(), e.startedAt(), e.at())
              .toArray(String[]::new);
      sent.add(
          caller.call(
              () ->
                  async.<List<Object>>evalsha(
                      RedisScripts.Script.COMPLETE.sha, ScriptOutputType.MULTI, k, args)));
    }
    List<Completion> out = new ArrayList<>(ends.size());
    for (int i = 0; i < ends.size(); i++) {
      WorkflowSteps.JobEnd e = ends.get(i);
      RedisFuture<List<Object>> f = sent.get(i);
      List<Object> reply;
      try {
        reply = caller.call(() -> reads.await(f));
      } catch (RuntimeException x) {
        if (!(x.getCause() instanceof RedisNoScriptException)) {
          throw x;
        }
        reply = null;
      }
      out.add(
          reply == null || RedisLayout.EXPAND.equals(reply.get(0))
              ? complete(
                  id, entry, e.job(), e.attempt(), e.result(), e.label(), e.startedAt(), e.at())
              : completion(id, entry, reply));
    }
    return out;
  }

  private String[] keys(String id, int entry) {
    // The workflow hash goes last: the control wrapper of complete.lua reads its status there.
    return new String[] {layout.entry(id, entry), attempts.deadlinesOf(id), layout.workflow(id)};
  }

  private static List<String> args(
      String id,
      int entry,
      int job,
      int attempt,
      JobResult result,
      String label,
      long startedAt,
      long at) {
    String value =
        result.ok()
            ? (result.output() == null ? "null" : result.output().toString())
            : result.error();
    return new ArrayList<>(
        List.of(
            Integer.toString(job),
            Integer.toString(attempt),
            result.ok() ? RedisLayout.YES : RedisLayout.NO,
            value,
            Long.toString(at),
            result.ok() ? "" : EntryRecord.firstError(label, result.error()),
            id + "|" + entry + "|" + job + "|" + attempt,
            Long.toString(startedAt),
            ""));
  }

  private Completion completion(String id, int entry, List<Object> reply) {
    String code = (String) reply.get(0);
    Completion.Outcome outcome =
        code.equals(RedisLayout.RECORDED)
            ? Completion.Outcome.RECORDED
            : code.equals(RedisLayout.DUPLICATE)
                ? Completion.Outcome.DUPLICATE
                : code.equals(RedisLayout.DROPPED)
                    ? Completion.Outcome.DROPPED
                    : Completion.Outcome.STALE;
    List<Object> done = reply;
    List<JobRecord> ready = caller.call(() -> reads.readyJobs(id, entry, done, 2));
    return new Completion(outcome, ready, RedisLayout.YES.equals(reply.get(1)));
  }

  private List<Object> run(String[] k, List<String> args) {
    return caller.call(
        () ->
            scripts.call(
                RedisScripts.Script.COMPLETE,
                ScriptOutputType.MULTI,
                k,
                args.toArray(String[]::new)));
  }
}
