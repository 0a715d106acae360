package io.phaseflow.engine.redis;

import static io.phaseflow.engine.redis.RedisLayout.E_HANDLERS;
import static io.phaseflow.engine.redis.RedisLayout.E_PHASE;
import static io.phaseflow.engine.redis.RedisLayout.JOB_ERROR;
import static io.phaseflow.engine.redis.RedisLayout.JOB_OUTPUT;
import static io.phaseflow.engine.redis.RedisLayout.JOB_SPEC;
import static io.phaseflow.engine.redis.RedisLayout.JOB_STATE;
import static io.phaseflow.engine.redis.RedisLayout.WF_CREATED;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.EntrySnapshot;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowPage;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowReads;
import io.phaseflow.engine.state.WorkflowRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reads of {@link RedisStateStore}: hashes read and decoded, pipelined where one answer needs
 * several keys, one synchronous command where one key answers. Throws Lettuce's exceptions; the
 * store turns them into Phaseflow errors. Thread-safe: a Lettuce connection is thread-safe.
 */
final class RedisReads implements WorkflowReads {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisClusterCommands<String, String> sync;
  private final RedisLayout layout;
  private final WorkflowCodec workflows;
  private final EntryCodec entries;
  private final WorkflowIndex index;
  private final long timeoutMillis;

  RedisReads(
      RedisConnection connection, RedisLayout layout, WorkflowCodec workflows, EntryCodec entries) {
    this.redis = connection.async();
    this.sync = connection.sync();
    this.layout = layout;
    this.workflows = workflows;
    this.entries = entries;
    this.timeoutMillis = connection.timeout().toMillis();
    this.index = new WorkflowIndex(redis, layout);
  }

  @Override
  public Optional<WorkflowRecord> workflow(String id) {
    Map<String, String> h = sync.hgetall(layout.workflow(id));
    return h.isEmpty() ? Optional.empty() : Optional.of(workflows.decode(id, h));
  }

  @Override
  public Optional<EntryRecord> entry(String id, int entry) {
    String key = layout.entry(id, entry);
    Map<String, String> h = sync.hgetall(key);
    return h.isEmpty() ? Optional.empty() : Optional.of(entries.paged(entry, h, pages(key, h)));
  }

  /** Every entry hash sent at once, then awaited: one round trip. */
  @Override
  public List<Optional<EntryRecord>> entries(
      List<WorkflowRecord> wfs, java.util.function.ToIntFunction<WorkflowRecord> which) {
    List<RedisFuture<Map<String, String>>> sent = new ArrayList<>();
    int[] numbers = wfs.stream().mapToInt(which).toArray();
    for (int i = 0; i < wfs.size(); i++) {
      sent.add(numbers[i] == 0 ? null : redis.hgetall(layout.entry(wfs.get(i).id(), numbers[i])));
    }
    List<Optional<EntryRecord>> found = new ArrayList<>();
    for (int i = 0; i < wfs.size(); i++) {
      RedisFuture<Map<String, String>> f = sent.get(i);
      Map<String, String> h = f == null ? Map.of() : await(f);
      String key = numbers[i] == 0 ? null : layout.entry(wfs.get(i).id(), numbers[i]);
      found.add(
          h.isEmpty()
              ? Optional.empty()
              : Optional.of(entries.paged(numbers[i], h, pages(key, h))));
    }
    return found;
  }

  /** Both hashes in one round trip: the two commands are pipelined on the connection. */
  @Override
  public Optional<EntrySnapshot> snapshot(String id, int entry) {
    RedisFuture<Map<String, String>> wf = redis.hgetall(layout.workflow(id));
    String key = layout.entry(id, entry);
    RedisFuture<Map<String, String>> e = redis.hgetall(key);
    Map<String, String> workflow = await(wf);
    Map<String, String> h = await(e);
    if (workflow.isEmpty() || h.isEmpty()) {
      return Optional.empty();
    }
    // decoded once, for the record and the snapshot
    List<JobRecord> jobs = entries.jobs(h, pages(key, h));
    return Optional.of(
        new EntrySnapshot(workflows.decode(id, workflow), entries.entry(entry, h, jobs), jobs));
  }

  /**
   * The pages beyond the head of the entry whose key is {@code key} and head {@code head}, read in
   * pipelined windows: one round trip for an entry of up to 16 x 256 jobs.
   */
  private List<Map<String, String>> pages(String key, Map<String, String> head) {
    int count = EntryCodec.pages(head);
    if (count == 0) {
      return List.of();
    }
    String token = head.getOrDefault(RedisLayout.E_TOKEN, "");
    List<Map<String, String>> pages = new ArrayList<>(count);
    for (int from = 1; from <= count; from += 256) {
      List<RedisFuture<Map<String, String>>> sent = new ArrayList<>();
      for (int p = from; p <= Math.min(count, from + 255); p++) {
        sent.add(redis.hgetall(RedisLayout.page(key, p, token)));
      }
      sent.forEach(f -> pages.add(await(f)));
    }
    return pages;
  }

  /**
   * One round trip for a job in the entry's hash (page 0, or an entry without pages), two for a job
   * of a later page.
   */
  @Override
  public Optional<JobRecord> job(String id, int entry, int job) {
    String key = layout.entry(id, entry);
    String[] fields = {
      JOB_SPEC + job,
      JOB_STATE + job,
      JOB_OUTPUT + job,
      JOB_ERROR + job,
      RedisLayout.JOB_RETRIED + job,
      RedisLayout.JOB_TIMES + job
    };
    String[] withHead = new String[fields.length + 4];
    withHead[0] = E_HANDLERS;
    withHead[1] = RedisLayout.E_OPENED;
    withHead[2] = RedisLayout.E_PAGE;
    withHead[3] = RedisLayout.E_TOKEN;
    System.arraycopy(fields, 0, withHead, 4, fields.length);
    List<KeyValue<String, String>> head = sync.hmget(key, withHead);
    int size = Integer.parseInt(head.get(2).getValueOrElse("0"));
    List<KeyValue<String, String>> v =
        size == 0 || job < size
            ? head.subList(4, head.size())
            : sync.hmget(RedisLayout.page(key, job / size, head.get(3).getValueOrElse("")), fields);
    if (!v.get(0).hasValue()) {
      return Optional.empty();
    }
    return Optional.of(
        entries.job(
            job,
            head.get(0).getValue(),
            v.get(0).getValue(),
            v.get(1).getValue(),
            v.get(2).getValueOrElse(null),
            v.get(3).getValueOrElse(null),
            v.get(4).getValueOrElse(null),
            head.get(1).getValueOrElse(null),
            v.get(5).getValueOrElse(null)));
  }

  @Override
  public List<JobRecord> jobs(String id, int entry) {
    String key = layout.entry(id, entry);
    Map<String, String> h = sync.hgetall(key);
    return h.isEmpty() ? List.of() : entries.jobs(h, pages(key, h));
  }

  /**
   * Ready jobs' records from a completion's reply: {@code reply} from {@code from} on is index,
   * spec pairs. Reads the entry's handler table once, and only when there is a job.
   */
  List<JobRecord> readyJobs(String id, int entry, List<Object> reply, int from) {
    return readyJobs(id, entry, reply, from, false);
  }

  /**
   * The jobs a script reply lists from {@code from} on: index and spec pairs, ready at their first
   * attempt, or with {@code withState} index, spec and state triples.
   */
  List<JobRecord> readyJobs(String id, int entry, List<Object> reply, int from, boolean withState) {
    List<JobRecord> ready = new ArrayList<>();
    if (reply.size() <= from) {
      return ready;
    }
    String table = sync.hget(layout.entry(id, entry), E_HANDLERS);
    int stride = withState ? 3 : 2;
    for (int i = from; i < reply.size(); i += stride) {
      int job = Integer.parseInt((String) reply.get(i));
      String state = withState ? (String) reply.get(i + 2) : RedisLayout.READY + "1";
      ready.add(
          entries.job(job, table, (String) reply.get(i + 1), state, null, null, null, null, null));
    }
    return ready;
  }

  @Override
  public WorkflowPage list(WorkflowQuery query) {
    return index.page(query, this::readWorkflows, this::await);
  }

  /** Workflow hashes by id, read in one pipelined round trip. */
  private Map<String, Optional<WorkflowRecord>> readWorkflows(List<String> ids) {
    Map<String, RedisFuture<Map<String, String>>> sent = new LinkedHashMap<>();
    for (String id : ids) {
      sent.put(id, redis.hgetall(layout.workflow(id)));
    }
    Map<String, Optional<WorkflowRecord>> found = new LinkedHashMap<>();
    sent.forEach(
        (id, f) -> {
          Map<String, String> h = await(f);
          found.put(id, h.isEmpty() ? Optional.empty() : Optional.of(workflows.decode(id, h)));
        });
    return found;
  }

  /**
   * Three reads, pipelined: one round trip. The start line is not stored: it is derived from the
   * creation time and the first entry's phase.
   */
  @Override
  public List<TransitionRecord> history(String id) {
    RedisFuture<String> c = redis.hget(layout.workflow(id), WF_CREATED);
    RedisFuture<String> p = redis.hget(layout.entry(id, 1), E_PHASE);
    RedisFuture<List<String>> lines = redis.lrange(layout.history(id), 0, -1);
    String created = await(c);
    String firstPhase = await(p);
    List<String> stored = await(lines);
    if (created == null || firstPhase == null) {
      return List.of();
    }
    List<TransitionRecord> history = new ArrayList<>();
    history.add(TransitionRecord.started(firstPhase, Long.parseLong(created)));
    stored.stream().map(workflows::decodeTransition).forEach(history::add);
    return history;
  }

  <T> T await(RedisFuture<T> future) {
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
}
