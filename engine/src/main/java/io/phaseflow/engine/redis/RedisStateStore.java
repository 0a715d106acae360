package io.phaseflow.engine.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.Controlled;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.EntrySnapshot;
import io.phaseflow.engine.state.HandlerLimits;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowPage;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.handlers.JobResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Workflow state in Redis. Every step is one Lua script over one shard's keys (see {@link
 * RedisLayout}), so any number of engine processes can share it, a repeated step changes nothing,
 * and the listing index moves with the workflow. Reads are {@link RedisReads}'. Finished workflows
 * expire after the retention period with all their keys. Thread-safe: a Lettuce connection is.
 */
public final class RedisStateStore implements StateStore {
  private final RedisConnection connection;
  private final RedisClusterCommands<String, String> redis;
  private final RedisScripts scripts;
  private final RedisLayout layout;
  private final WorkflowCodec workflows;
  private final EntryCodec entries;
  private final RedisMoves moves;
  private final RedisReads reads;
  private final RedisAttempts attempts;
  private final RedisHandlerLimits limits;
  private final RedisControl control;
  private final RedisCompletions completions;

  private final long retentionSeconds;
  private final long retentionMillis;
  private final String where;

  /**
   * Opens the namespace {@code prefix}: reads its format, migrating an older layout once (see
   * {@link RedisFormat}).
   *
   * @param connection a connection this store owns and closes
   * @param prefix the first part of every key, e.g. {@code pf}
   * @param retention how long a finished workflow's keys live
   * @param where the server, for error messages, without its password
   */
  public RedisStateStore(
      RedisConnection connection, String prefix, Duration retention, String where) {
    ObjectMapper json = new ObjectMapper();
    this.connection = connection;
    this.redis = connection.sync();
    this.where = where;
    this.scripts = new RedisScripts(redis);
    this.layout = call(() -> new RedisFormat(connection, scripts, prefix).open());
    this.workflows = new WorkflowCodec(json);
    this.entries = new EntryCodec(json);
    this.retentionSeconds = Math.max(1, retention.toSeconds());
    this.retentionMillis = retention.toMillis();
    this.reads = new RedisReads(connection, layout, workflows, entries);
    EntryWriter writer = new EntryWriter(json, connection.async(), reads::await);
    this.moves =
        new RedisMoves(scripts, layout, workflows, writer, retentionSeconds, retentionMillis);
    this.attempts =
        new RedisAttempts(redis, connection.async(), scripts, layout, entries, this::call);
    this.limits = new RedisHandlerLimits(redis, scripts, layout, this::call);
    this.completions =
        new RedisCompletions(
            scripts,
            connection.async(),
            layout,
            attempts,
            reads,
            new RedisExpansions(json, entries),
            this::call);
    this.control =
        new RedisControl(
            scripts, layout, workflows, writer, reads, retentionSeconds, retentionMillis);
  }

  /** A store on a new connection of {@code connector}, keys under {@code prefix}. */
  public static RedisStateStore connect(
      RedisConnector connector, String prefix, Duration retention) {
    return new RedisStateStore(
        connector.connect(), prefix, retention, connector.settings().redacted());
  }

  @Override
  public Started start(WorkflowRecord workflow, NewEntry first) {
    return call(() -> moves.start(workflow, first));
  }

  @Override
  public Advanced advance(
      String id,
      int expectedEntry,
      TransitionRecord record,
      NewEntry next,
      boolean viaError,
      WorkflowStatus finalStatus) {
    return call(() -> moves.advance(id, expectedEntry, record, next, viaError, finalStatus));
  }

  @Override
  public Completion complete(
      String id,
      int entry,
      int job,
      int attempt,
      JobResult result,
      String label,
      long startedAt,
      long at) {
    return completions.complete(id, entry, job, attempt, result, label, startedAt, at);
  }

  @Override
  public List<Completion> completeAll(String id, int entry, List<JobEnd> ends) {
    return completions.completeAll(id, entry, ends);
  }

  @Override
  public Retried retry(String id, int entry, int job, int attempt) {
    String[] k = {layout.entry(id, entry)};
    List<String> args = List.of(Integer.toString(job), Integer.toString(attempt));
    Long moved = run(RedisScripts.Script.RETRY, ScriptOutputType.INTEGER, k, args);
    return moved == RedisLayout.DONE ? Retried.RETRIED : Retried.NOT_CURRENT;
  }

  @Override
  public AttemptSteps attempts() {
    return attempts;
  }

  @Override
  public HandlerLimits limits() {
    return limits;
  }

  @Override
  public Controlled control(
      String id, ControlAction action, int expectedEntry, TransitionRecord line) {
    return call(() -> control.control(id, action, expectedEntry, line));
  }

  @Override
  public Controlled redrive(String id, int expectedEntry, TransitionRecord line, NewEntry next) {
    return call(() -> control.redrive(id, expectedEntry, line, next));
  }

  private <T> T run(RedisScripts.Script s, ScriptOutputType type, String[] k, List<String> args) {
    return call(() -> scripts.call(s, type, k, args.toArray(String[]::new)));
  }

  @Override
  public Optional<WorkflowRecord> workflow(String id) {
    return call(() -> reads.workflow(id));
  }

  @Override
  public Optional<EntryRecord> entry(String id, int entry) {
    return call(() -> reads.entry(id, entry));
  }

  @Override
  public List<Optional<EntryRecord>> entries(
      List<WorkflowRecord> wfs, java.util.function.ToIntFunction<WorkflowRecord> which) {
    return call(() -> reads.entries(wfs, which));
  }

  @Override
  public Optional<EntrySnapshot> snapshot(String id, int entry) {
    return call(() -> reads.snapshot(id, entry));
  }

  @Override
  public Optional<JobRecord> job(String id, int entry, int job) {
    return call(() -> reads.job(id, entry, job));
  }

  @Override
  public List<JobRecord> jobs(String id, int entry) {
    return call(() -> reads.jobs(id, entry));
  }

  @Override
  public WorkflowPage list(WorkflowQuery query) {
    return call(() -> reads.list(query));
  }

  @Override
  public List<TransitionRecord> history(String id) {
    return call(() -> reads.history(id));
  }

  /** The key of a workflow's hash; its other keys start with it (for tools that read keys raw). */
  public String workflowKey(String id) {
    return layout.workflow(id);
  }

  /** Whether the store is on a Redis Cluster (whose redis-cli needs -c to follow MOVED). */
  public boolean onCluster() {
    return connection.cluster();
  }

  /** The key of a workflow's history list (for people reading Redis by hand). */
  public String historyKey(String id) {
    return layout.history(id);
  }

  /** The namespace's layout (for tests and tools). */
  RedisLayout layout() {
    return layout;
  }

  /** Every key of a workflow that exists now (for tests and tools). */
  List<String> keysOf(String id) {
    List<String> found = new ArrayList<>();
    Stream.of(layout.workflow(id), layout.history(id))
        .filter(k -> call(() -> redis.exists(k)) == 1L)
        .forEach(found::add);
    for (int n = 1; ; n++) {
      String entry = layout.entry(id, n);
      if (call(() -> redis.exists(entry)) != 1L) {
        break;
      }
      found.add(entry);
    }
    return found;
  }

  @Override
  public void close() {
    connection.close();
  }

  /** Redis failures become retryable Phaseflow errors that name the server, never its password. */
  private <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new ServerUnavailable(
          "Redis at "
              + where
              + " failed: "
              + e.getMessage()
              + " (the step was not applied; it is"
              + " retried when its message is redelivered)",
          e);
    }
  }
}
