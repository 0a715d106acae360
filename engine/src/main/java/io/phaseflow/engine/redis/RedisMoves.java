package io.phaseflow.engine.redis;

import io.lettuce.core.ScriptOutputType;
import io.phaseflow.engine.state.ListingKey;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.state.WorkflowSteps.Advanced;
import io.phaseflow.engine.state.WorkflowSteps.Started;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's {@code start} and {@code advance} steps: a new entry's pages staged ({@link
 * EntryWriter}), then one script that stores the move with its head, compare-and-set; a move that
 * lost deletes what it staged. Throws Lettuce's exceptions; the store turns them into Phaseflow
 * errors. Thread-safe.
 */
final class RedisMoves {
  private final RedisScripts scripts;
  private final RedisLayout layout;
  private final WorkflowCodec workflows;
  private final EntryWriter writer;
  private final long retentionSeconds;
  private final long retentionMillis;

  RedisMoves(
      RedisScripts scripts,
      RedisLayout layout,
      WorkflowCodec workflows,
      EntryWriter writer,
      long retentionSeconds,
      long retentionMillis) {
    this.scripts = scripts;
    this.layout = layout;
    this.workflows = workflows;
    this.writer = writer;
    this.retentionSeconds = retentionSeconds;
    this.retentionMillis = retentionMillis;
  }

  Started start(WorkflowRecord workflow, NewEntry first) {
    WorkflowRecord entered =
        workflow.moved(
            first.phase(), first.entry(), workflow.status(), false, workflow.createdAt());
    List<String> fields = workflows.encode(entered);
    List<String> args = new ArrayList<>();
    args.add(ListingKey.of(entered));
    args.add(entered.definition());
    args.add(Integer.toString(fields.size() / 2));
    args.addAll(fields);
    String id = workflow.id();
    int shard = layout.shard(id);
    String[] k = {
      layout.workflow(id),
      layout.entry(id, first.entry()),
      layout.index(id, WorkflowStatus.RUNNING, entered.definition()),
      layout.indexedDefinitions(shard)
    };
    EntryWriter.Staged staged = writer.stage(k[1], first, workflow.createdAt());
    args.addAll(staged.head());
    Long created =
        scripts.<Long>call(
            RedisScripts.Script.START, ScriptOutputType.INTEGER, k, args.toArray(String[]::new));
    if (created != RedisLayout.DONE) {
      discard(staged);
      return Started.ALREADY_EXISTS;
    }
    return Started.STARTED;
  }

  Advanced advance(
      String id,
      int expectedEntry,
      TransitionRecord record,
      NewEntry next,
      boolean viaError,
      WorkflowStatus finalStatus) {
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(expectedEntry));
    args.add(workflows.encode(record));
    args.add(next == null ? RedisLayout.YES : RedisLayout.NO);
    args.add(viaError ? RedisLayout.YES : RedisLayout.NO);
    args.add(Long.toString(record.at()));
    String third;
    EntryWriter.Staged staged = null;
    if (next == null) {
      third = layout.workflow(id);
      args.add(RedisLayout.status(finalStatus));
      args.add(Long.toString(retentionSeconds));
      args.add(layout.entryBase(id));
      args.add(id);
      args.add(layout.indexBase(id, WorkflowStatus.RUNNING));
      args.add(layout.indexBase(id, finalStatus));
      args.add(ListingKey.before(record.at() - retentionMillis));
    } else {
      third = layout.entry(id, next.entry());
      args.add(next.phase());
      args.add(Integer.toString(next.entry()));
      staged = writer.stage(third, next, record.at());
      args.addAll(staged.head());
    }
    String[] k = {layout.workflow(id), layout.history(id), third};
    Long moved =
        scripts.<Long>call(
            RedisScripts.Script.ADVANCE, ScriptOutputType.INTEGER, k, args.toArray(String[]::new));
    if (moved != RedisLayout.DONE) {
      discard(staged);
      return Advanced.ALREADY_MOVED;
    }
    return Advanced.ADVANCED;
  }

  /** Deletes the pages a write staged for a step that was not stored (null: none). */
  private void discard(EntryWriter.Staged staged) {
    if (staged != null && staged.hasPages()) {
      writer.discard(staged);
    }
  }
}
