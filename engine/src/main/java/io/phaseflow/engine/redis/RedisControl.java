package io.phaseflow.engine.redis;

import io.lettuce.core.ScriptOutputType;
import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.Controlled;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.ListingKey;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The control steps of {@link RedisStateStore} (pause, resume, cancel: {@code control.lua};
 * redrive: {@code redrive.lua}): their arguments and replies. Redis failures pass through as
 * Lettuce's exceptions; the store turns them into Phaseflow's. Thread-safe.
 */
final class RedisControl {
  private final RedisScripts scripts;
  private final RedisLayout layout;
  private final WorkflowCodec workflows;
  private final EntryWriter entries;
  private final RedisReads reads;
  private final long retentionSeconds;
  private final long retentionMillis;

  RedisControl(
      RedisScripts scripts,
      RedisLayout layout,
      WorkflowCodec workflows,
      EntryWriter entries,
      RedisReads reads,
      long retentionSeconds,
      long retentionMillis) {
    this.scripts = scripts;
    this.layout = layout;
    this.workflows = workflows;
    this.entries = entries;
    this.reads = reads;
    this.retentionSeconds = retentionSeconds;
    this.retentionMillis = retentionMillis;
  }

  Controlled control(String id, ControlAction action, int expectedEntry, TransitionRecord line) {
    ControlAction.checkNotRedrive(action);
    WorkflowStatus to = action.to();
    List<String> args = new ArrayList<>();
    StringBuilder from = new StringBuilder();
    List<String> fromSets = new ArrayList<>();
    for (WorkflowStatus s : action.from()) {
      from.append(RedisLayout.status(s));
      fromSets.add(layout.indexBase(id, s));
    }
    args.add(from.toString());
    args.add(RedisLayout.status(to));
    args.add(Integer.toString(expectedEntry));
    args.add(workflows.encode(line));
    args.add(Long.toString(line.at()));
    args.add(action == ControlAction.RESUME ? RedisLayout.YES : RedisLayout.NO);
    args.add(to.ended() ? Long.toString(retentionSeconds) : "0");
    args.add(layout.entryBase(id));
    args.add(id);
    args.add(layout.indexBase(id, to));
    args.add(ListingKey.before(line.at() - retentionMillis));
    args.addAll(fromSets);
    String[] k = {layout.workflow(id), layout.history(id), layout.entry(id, expectedEntry)};
    List<Object> reply =
        scripts.call(
            RedisScripts.Script.CONTROL, ScriptOutputType.MULTI, k, args.toArray(String[]::new));
    return controlled(id, reply);
  }

  Controlled redrive(String id, int expectedEntry, TransitionRecord line, NewEntry next) {
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(expectedEntry));
    args.add(workflows.encode(line));
    args.add(Long.toString(line.at()));
    args.add(next.phase());
    args.add(Integer.toString(next.entry()));
    args.add(layout.entryBase(id));
    args.add(id);
    args.add(layout.indexBase(id, WorkflowStatus.FAILED));
    args.add(layout.indexBase(id, WorkflowStatus.RUNNING));
    String[] k = {layout.workflow(id), layout.history(id), layout.entry(id, next.entry())};
    EntryWriter.Staged staged = entries.stage(k[2], next, line.at());
    args.addAll(staged.head());
    List<Object> reply =
        scripts.call(
            RedisScripts.Script.REDRIVE, ScriptOutputType.MULTI, k, args.toArray(String[]::new));
    if (!RedisLayout.CONTROL_APPLIED.equals(reply.get(0))) {
      entries.discard(staged);
    }
    return controlled(id, reply);
  }

  private Controlled controlled(String id, List<Object> reply) {
    String code = (String) reply.get(0);
    if (code.equals(RedisLayout.CONTROL_MISSING)) {
      return new Controlled(Controlled.Result.NOT_FOUND, null, 0, List.of(), false);
    }
    Controlled.Result result =
        code.equals(RedisLayout.CONTROL_APPLIED)
            ? Controlled.Result.APPLIED
            : code.equals(RedisLayout.CONTROL_MOVED)
                ? Controlled.Result.MOVED
                : Controlled.Result.REFUSED;
    int entry = Integer.parseInt((String) reply.get(2));
    List<JobRecord> released = reads.readyJobs(id, entry, reply, 4, true);
    return new Controlled(
        result,
        WorkflowCodec.status((String) reply.get(1)),
        entry,
        released,
        RedisLayout.YES.equals(reply.get(3)));
  }
}
