package io.phaseflow.engine.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.EntrySnapshot;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.ListingKey;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowPage;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.handlers.JobResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Workflow state in Redis. Every change is one Lua script over one workflow's keys (see {@link
 * RedisKeys}, {@link WorkflowCodec}, {@link EntryCodec} for the layout), so any number of engine
 * processes can share it and a repeated step changes nothing. Finished workflows expire after the
 * retention period with all their keys. Thread-safe: a Lettuce connection is thread-safe.
 */
public final class RedisStateStore implements StateStore {
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;
  private final RedisScripts scripts;
  private final RedisKeys keys;
  private final WorkflowCodec workflows;
  private final EntryCodec entries;
  private final long retentionSeconds;
  private final String where;
  private final long timeoutMillis;
  private final WorkflowIndex index;

  /**
   * @param connection a connection this store owns and closes
   * @param prefix the first part of every key, e.g. {@code pf}
   * @param retention how long a finished workflow's keys live
   * @param where the server, for error messages, without its password
   */
  public RedisStateStore(
      StatefulRedisConnection<String, String> connection,
      String prefix,
      Duration retention,
      String where) {
    ObjectMapper json = new ObjectMapper();
    this.connection = connection;
    this.redis = connection.sync();
    this.scripts = new RedisScripts(redis);
    this.keys = new RedisKeys(prefix);
    this.workflows = new WorkflowCodec(json);
    this.entries = new EntryCodec(json);
    this.retentionSeconds = Math.max(1, retention.toSeconds());
    this.where = where;
    this.timeoutMillis = connection.getTimeout().toMillis();
    this.index = new WorkflowIndex(connection.async(), keys, retention.toMillis());
  }

  /** A store on a new connection of {@code connector}, keys under {@code prefix}. */
  public static RedisStateStore connect(
      RedisConnector connector, String prefix, Duration retention) {
    return new RedisStateStore(
        connector.connect(), prefix, retention, connector.settings().redacted());
  }

  @Override
  public boolean start(WorkflowRecord workflow, NewEntry first) {
    WorkflowRecord entered =
        workflow.moved(
            first.phase(), first.entry(), workflow.status(), false, workflow.createdAt());
    List<String> fields = workflows.encode(entered);
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(fields.size() / 2));
    args.addAll(fields);
    args.addAll(entries.encode(first, workflow.createdAt()));
    String[] k = {keys.workflow(workflow.id()), keys.entry(workflow.id(), first.entry())};
    Long created =
        call(
            () ->
                scripts.call(
                    RedisScripts.Script.START,
                    ScriptOutputType.INTEGER,
                    k,
                    args.toArray(String[]::new)));
    awaitAll(index.file(entered));
    return created == 1L;
  }

  @Override
  public Optional<WorkflowRecord> workflow(String id) {
    Map<String, String> h = call(() -> redis.hgetall(keys.workflow(id)));
    return h.isEmpty() ? Optional.empty() : Optional.of(workflows.decode(id, h));
  }

  @Override
  public boolean advance(
      String id,
      int expectedEntry,
      TransitionRecord record,
      NewEntry next,
      boolean viaError,
      WorkflowStatus finalStatus) {
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(expectedEntry));
    args.add(workflows.encode(record));
    args.add(next == null ? "finish" : "enter");
    args.add(viaError ? "1" : "0");
    args.add(Long.toString(record.at()));
    String third;
    if (next == null) {
      third = keys.workflow(id);
      args.add(WorkflowCodec.status(finalStatus));
      args.add(Long.toString(retentionSeconds));
      args.add(keys.workflow(id));
    } else {
      third = keys.entry(id, next.entry());
      args.add(next.phase());
      args.add(Integer.toString(next.entry()));
      args.addAll(entries.encode(next, record.at()));
    }
    String[] k = {keys.workflow(id), keys.history(id), third};
    List<Object> moved =
        call(
            () ->
                scripts.call(
                    RedisScripts.Script.ADVANCE,
                    ScriptOutputType.MULTI,
                    k,
                    args.toArray(String[]::new)));
    if (moved.size() == 3) { // finished: the script said what the listing index needs
      String definition = (String) moved.get(1);
      long createdAt = Long.parseLong((String) moved.get(2));
      awaitAll(index.file(definition, ListingKey.of(createdAt, id), finalStatus, record.at()));
    }
    return ((Long) moved.get(0)) == 1L;
  }

  @Override
  public WorkflowPage list(WorkflowQuery query) {
    return call(() -> index.page(query, this::readWorkflows, f -> await(f)));
  }

  /** Workflow hashes by id, read in one pipelined round trip. */
  private Map<String, Optional<WorkflowRecord>> readWorkflows(List<String> ids) {
    Map<String, RedisFuture<Map<String, String>>> sent = new LinkedHashMap<>();
    for (String id : ids) {
      sent.put(id, connection.async().hgetall(keys.workflow(id)));
    }
    Map<String, Optional<WorkflowRecord>> found = new LinkedHashMap<>();
    sent.forEach(
        (id, f) -> {
          Map<String, String> h = await(f);
          found.put(id, h.isEmpty() ? Optional.empty() : Optional.of(workflows.decode(id, h)));
        });
    return found;
  }

  private void awaitAll(List<RedisFuture<?>> sent) {
    call(
        () -> {
          sent.forEach(this::await);
          return null;
        });
  }

  @Override
  public Optional<EntryRecord> entry(String id, int entry) {
    Map<String, String> h = call(() -> redis.hgetall(keys.entry(id, entry)));
    return h.isEmpty() ? Optional.empty() : Optional.of(entries.entry(entry, h));
  }

  /** Every entry hash sent at once, then awaited: one round trip. */
  @Override
  public List<Optional<EntryRecord>> currentEntries(List<WorkflowRecord> wfs) {
    List<RedisFuture<Map<String, String>>> sent = new ArrayList<>();
    for (WorkflowRecord wf : wfs) {
      sent.add(
          wf.entry() == 0 ? null : connection.async().hgetall(keys.entry(wf.id(), wf.entry())));
    }
    List<Optional<EntryRecord>> found = new ArrayList<>();
    for (int i = 0; i < wfs.size(); i++) {
      RedisFuture<Map<String, String>> f = sent.get(i);
      Map<String, String> h = f == null ? Map.of() : call(() -> await(f));
      found.add(h.isEmpty() ? Optional.empty() : Optional.of(entries.entry(wfs.get(i).entry(), h)));
    }
    return found;
  }

  /** Both hashes in one round trip: the two commands are pipelined on the connection. */
  @Override
  public Optional<EntrySnapshot> snapshot(String id, int entry) {
    RedisFuture<Map<String, String>> wf = connection.async().hgetall(keys.workflow(id));
    RedisFuture<Map<String, String>> e = connection.async().hgetall(keys.entry(id, entry));
    Map<String, String> workflow = call(() -> await(wf));
    Map<String, String> h = call(() -> await(e));
    if (workflow.isEmpty() || h.isEmpty()) {
      return Optional.empty();
    }
    List<JobRecord> jobs = entries.jobs(h); // decoded once, for the record and the snapshot
    return Optional.of(
        new EntrySnapshot(workflows.decode(id, workflow), entries.entry(entry, h, jobs), jobs));
  }

  private <T> T await(RedisFuture<T> future) {
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new RedisException("interrupted while waiting for Redis", ex);
    } catch (ExecutionException ex) {
      throw ex.getCause() instanceof RedisException r ? r : new RedisException(ex.getCause());
    } catch (TimeoutException ex) {
      throw new RedisException("Command timed out after " + timeoutMillis + " ms", ex);
    }
  }

  @Override
  public Optional<JobRecord> job(String id, int entry, int job) {
    List<KeyValue<String, String>> v =
        call(
            () ->
                redis.hmget(
                    keys.entry(id, entry), "h", "j" + job, "s" + job, "o" + job, "x" + job));
    if (!v.get(1).hasValue()) {
      return Optional.empty();
    }
    return Optional.of(
        entries.job(
            job,
            v.get(0).getValue(),
            v.get(1).getValue(),
            v.get(2).getValue(),
            v.get(3).getValueOrElse(null),
            v.get(4).getValueOrElse(null)));
  }

  @Override
  public List<JobRecord> jobs(String id, int entry) {
    Map<String, String> h = call(() -> redis.hgetall(keys.entry(id, entry)));
    return h.isEmpty() ? List.of() : entries.jobs(h);
  }

  @Override
  public Completion complete(
      String id, int entry, int job, int attempt, JobResult result, String label, long at) {
    String value =
        result.ok()
            ? (result.output() == null ? "null" : result.output().toString())
            : result.error();
    String[] args = {
      Integer.toString(job),
      Integer.toString(attempt),
      result.ok() ? "1" : "0",
      value,
      Long.toString(at),
      label
    };
    List<Object> reply =
        call(
            () ->
                scripts.call(
                    RedisScripts.Script.COMPLETE,
                    ScriptOutputType.MULTI,
                    new String[] {keys.entry(id, entry)},
                    args));
    Completion.Outcome outcome =
        switch ((String) reply.get(0)) {
          case "R" -> Completion.Outcome.RECORDED;
          case "D" -> Completion.Outcome.DUPLICATE;
          default -> Completion.Outcome.STALE;
        };
    List<JobRecord> ready = new ArrayList<>();
    if (reply.size() > 2) {
      String table = call(() -> redis.hget(keys.entry(id, entry), "h"));
      for (int i = 2; i < reply.size(); i += 2) {
        int index = Integer.parseInt((String) reply.get(i));
        ready.add(entries.job(index, table, (String) reply.get(i + 1), "R1", null, null));
      }
    }
    return new Completion(outcome, ready, "1".equals(reply.get(1)));
  }

  @Override
  public boolean retry(String id, int entry, int job, int attempt) {
    Long moved =
        call(
            () ->
                scripts.call(
                    RedisScripts.Script.RETRY,
                    ScriptOutputType.INTEGER,
                    new String[] {keys.entry(id, entry)},
                    Integer.toString(job),
                    Integer.toString(attempt)));
    return moved == 1L;
  }

  /** Three reads, pipelined: one round trip. */
  @Override
  public List<TransitionRecord> history(String id) {
    RedisFuture<String> c = connection.async().hget(keys.workflow(id), "c");
    RedisFuture<String> p = connection.async().hget(keys.entry(id, 1), "p");
    RedisFuture<List<String>> lines = connection.async().lrange(keys.history(id), 0, -1);
    String created = call(() -> await(c));
    String firstPhase = call(() -> await(p));
    List<String> stored = call(() -> await(lines));
    if (created == null || firstPhase == null) {
      return List.of();
    }
    long at = Long.parseLong(created);
    List<TransitionRecord> history = new ArrayList<>();
    history.add(
        new TransitionRecord(
            null, firstPhase, TransitionReason.STARTED, null, at, at, JobCounts.NONE, Map.of()));
    stored.stream().map(workflows::decodeTransition).forEach(history::add);
    return history;
  }

  /**
   * Deletes every key under {@code prefix} (a benchmark's or a test's namespace), scanning in pages
   * rather than with KEYS, so a large database is not blocked. Returns how many were deleted.
   */
  public static long deleteNamespace(RedisConnector connector, String prefix) {
    long deleted = 0;
    try (StatefulRedisConnection<String, String> c = connector.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(1000));
        if (!page.getKeys().isEmpty()) {
          deleted += c.sync().unlink(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    }
    return deleted;
  }

  /** Every key of a workflow that exists now (for tests and tools). */
  List<String> keysOf(String id) {
    List<String> found = new ArrayList<>();
    String base = keys.workflow(id);
    Stream.of(base, keys.history(id))
        .filter(k -> call(() -> redis.exists(k)) == 1L)
        .forEach(found::add);
    for (int n = 1; ; n++) {
      String entry = keys.entry(id, n);
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
