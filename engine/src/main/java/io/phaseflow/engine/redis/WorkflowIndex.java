package io.phaseflow.engine.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.phaseflow.engine.state.ListingKey;
import io.phaseflow.engine.state.WorkflowPage;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The listing index: one sorted set of {@link ListingKey}s per status and definition, ordered by
 * member. A page merges the newest keys of the sets the query names (one pipelined round trip) and
 * then reads those workflows (another), so it costs the same whatever the number of workflows.
 *
 * <p>The index is written after a workflow's script, so a crash in between can leave it stale; the
 * workflow's own hash is the truth. A reader drops keys whose workflow expired and moves keys whose
 * workflow has moved on, so the index heals as it is read. Thread-safe.
 */
final class WorkflowIndex {
  /** How many times a page is refilled after dropping stale keys before it is returned short. */
  private static final int MAX_REFILLS = 5;

  private final RedisAsyncCommands<String, String> redis;
  private final RedisKeys keys;
  private final long retentionMillis;

  WorkflowIndex(RedisAsyncCommands<String, String> redis, RedisKeys keys, long retentionMillis) {
    this.redis = redis;
    this.keys = keys;
    this.retentionMillis = retentionMillis;
  }

  /** Files a workflow that started, or moved to {@code wf.status()}; idempotent. */
  List<RedisFuture<?>> file(WorkflowRecord wf) {
    return file(wf.definition(), ListingKey.of(wf), wf.status(), wf.updatedAt());
  }

  /**
   * Files the workflow with listing key {@code key} of {@code definition} under {@code status}, as
   * of {@code at} (epoch ms); idempotent.
   */
  List<RedisFuture<?>> file(String definition, String key, WorkflowStatus status, long at) {
    List<RedisFuture<?>> sent = new ArrayList<>();
    sent.add(redis.sadd(keys.indexedDefinitions(), definition));
    for (WorkflowStatus s : WorkflowStatus.values()) {
      if (s != status) {
        sent.add(redis.zrem(keys.index(s, definition), key));
      }
    }
    String set = keys.index(status, definition);
    sent.add(redis.zadd(set, 0, key));
    if (status != WorkflowStatus.RUNNING) {
      // Finished workflows created longer ago than the retention are expiring or gone.
      String oldest = ListingKey.before(at - retentionMillis);
      sent.add(
          redis.zremrangebylex(
              set, Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(oldest))));
    }
    return sent;
  }

  /**
   * A page of workflows, reading each through {@code read} (a pipelined batch read of workflow
   * hashes, id to record or empty).
   */
  WorkflowPage page(
      WorkflowQuery query,
      Function<List<String>, Map<String, Optional<WorkflowRecord>>> read,
      Function<RedisFuture<?>, Object> await) {
    List<String> sets = sets(query, await);
    List<WorkflowRecord> page = new ArrayList<>();
    // Repairs are awaited before the page is returned, so the next reader sees them.
    List<RedisFuture<?>> repairs = new ArrayList<>();
    String after = query.after();
    for (int round = 0; round <= MAX_REFILLS && !sets.isEmpty(); round++) {
      int want = query.limit() + 1 - page.size();
      TreeSet<String> newest = newest(sets, after, want, await);
      List<String> batch = newest.stream().limit(want).toList();
      if (batch.isEmpty()) {
        break;
      }
      Map<String, Optional<WorkflowRecord>> found =
          read.apply(batch.stream().map(ListingKey::id).toList());
      for (String key : batch) {
        Optional<WorkflowRecord> wf = found.get(ListingKey.id(key));
        if (wf.isPresent() && ListingKey.of(wf.get()).equals(key)) {
          if (query.matches(wf.get())) {
            page.add(wf.get());
          } else if (!query.status().matches(wf.get().status())) {
            repairs.addAll(file(wf.get())); // filed under the status it had: move it
          }
        } else {
          repairs.addAll(forget(key, wf, query));
        }
      }
      after = batch.get(batch.size() - 1);
      if (page.size() > query.limit() || batch.size() < want) {
        break; // a full page and one more, or every set is exhausted
      }
    }
    repairs.forEach(await::apply);
    if (page.size() > query.limit()) {
      List<WorkflowRecord> shown = page.subList(0, query.limit());
      return new WorkflowPage(shown, ListingKey.of(shown.get(shown.size() - 1)));
    }
    return new WorkflowPage(page, null);
  }

  /** Removes a key whose workflow expired, or was filed under another creation time. */
  private List<RedisFuture<?>> forget(
      String key, Optional<WorkflowRecord> wf, WorkflowQuery query) {
    List<RedisFuture<?>> sent = new ArrayList<>();
    Set<String> definitions = new LinkedHashSet<>();
    wf.ifPresent(w -> definitions.add(w.definition()));
    if (query.definition() != null) {
      definitions.add(query.definition());
    }
    for (String definition : definitions) {
      for (WorkflowStatus s : query.status().statuses()) {
        sent.add(redis.zrem(keys.index(s, definition), key));
      }
    }
    wf.ifPresent(w -> sent.addAll(file(w)));
    return sent;
  }

  private List<String> sets(WorkflowQuery query, Function<RedisFuture<?>, Object> await) {
    List<String> definitions = new ArrayList<>();
    if (query.definition() != null) {
      definitions.add(query.definition());
    } else {
      @SuppressWarnings("unchecked")
      Set<String> all = (Set<String>) await.apply(redis.smembers(keys.indexedDefinitions()));
      definitions.addAll(new TreeSet<>(all));
    }
    List<String> sets = new ArrayList<>();
    for (String definition : definitions) {
      for (WorkflowStatus s : query.status().statuses()) {
        sets.add(keys.index(s, definition));
      }
    }
    return sets;
  }

  /** The {@code want} newest keys across {@code sets} older than {@code after}, newest first. */
  private TreeSet<String> newest(
      List<String> sets, String after, int want, Function<RedisFuture<?>, Object> await) {
    Range<String> range =
        Range.from(
            Range.Boundary.unbounded(),
            after == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(after));
    Map<String, RedisFuture<List<String>>> sent = new HashMap<>();
    for (String set : sets) {
      sent.put(set, redis.zrevrangebylex(set, range, Limit.create(0, want)));
    }
    TreeSet<String> merged = new TreeSet<>(Comparator.reverseOrder());
    for (RedisFuture<List<String>> f : sent.values()) {
      @SuppressWarnings("unchecked")
      List<String> members = (List<String>) await.apply(f);
      merged.addAll(members);
    }
    return merged;
  }
}
