package io.phaseflow.engine.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.phaseflow.engine.state.ListingKey;
import io.phaseflow.engine.state.WorkflowPage;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the listing index: per shard and bucket, one sorted set of {@link ListingKey}s per status
 * and definition, ordered by member. The start and finishing advance scripts write it in the same
 * atomic step as the workflow (the sets share the workflow's shard and slot), so it is never behind
 * the workflows and nothing here repairs it. A page merges the newest keys of every shard's sets
 * the query names (one read-only script per shard merges its buckets, all pipelined: one round
 * trip) and reads those workflows (another), so it costs the same whatever the number of workflows.
 *
 * <p>The one staleness left is expiry: a finished workflow's keys expire after the retention while
 * its member stays until the next finish in its set trims members older than the retention. Such a
 * member reads as no workflow and is skipped. Thread-safe.
 */
final class WorkflowIndex {
  /** How many times a page is refilled after skipping expired keys before it is returned short. */
  private static final int MAX_REFILLS = 5;

  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisLayout layout;

  WorkflowIndex(RedisClusterAsyncCommands<String, String> redis, RedisLayout layout) {
    this.redis = redis;
    this.layout = layout;
  }

  /**
   * A page of workflows, reading each through {@code read} (a pipelined batch read of workflow
   * hashes, id to record or empty).
   */
  WorkflowPage page(
      WorkflowQuery query,
      Function<List<String>, Map<String, Optional<WorkflowRecord>>> read,
      Function<RedisFuture<?>, Object> await) {
    List<List<String>> sets = sets(query, await);
    List<WorkflowRecord> page = new ArrayList<>();
    String after = query.after();
    for (int round = 0; round <= MAX_REFILLS && !sets.isEmpty(); round++) {
      int want = query.limit() + 1 - page.size();
      List<String> batch = newest(sets, after, want, await).stream().limit(want).toList();
      if (batch.isEmpty()) {
        break;
      }
      Map<String, Optional<WorkflowRecord>> found =
          read.apply(batch.stream().map(ListingKey::id).toList());
      for (String key : batch) {
        Optional<WorkflowRecord> wf = found.get(ListingKey.id(key));
        if (wf.isPresent() && ListingKey.of(wf.get()).equals(key) && query.matches(wf.get())) {
          page.add(wf.get()); // else it expired, or a workflow of that id was started anew
        }
      }
      after = batch.get(batch.size() - 1);
      if (page.size() > query.limit() || batch.size() < want) {
        break; // a full page and one more, or every set is exhausted
      }
    }
    if (page.size() > query.limit()) {
      List<WorkflowRecord> shown = page.subList(0, query.limit());
      return new WorkflowPage(shown, ListingKey.of(shown.get(shown.size() - 1)));
    }
    return new WorkflowPage(page, null);
  }

  /** Every shard's sets for the query's definitions and statuses, one list per shard. */
  private List<List<String>> sets(WorkflowQuery query, Function<RedisFuture<?>, Object> await) {
    Set<String> definitions = new TreeSet<>();
    if (query.definition() != null) {
      definitions.add(query.definition());
    } else {
      List<RedisFuture<Set<String>>> sent = new ArrayList<>();
      for (int shard = 0; shard < layout.shards(); shard++) {
        sent.add(redis.smembers(layout.indexedDefinitions(shard)));
      }
      for (RedisFuture<Set<String>> f : sent) {
        @SuppressWarnings("unchecked")
        Set<String> some = (Set<String>) await.apply(f);
        definitions.addAll(some);
      }
    }
    List<List<String>> sets = new ArrayList<>();
    if (definitions.isEmpty()) {
      return sets;
    }
    for (int shard = 0; shard < layout.shards(); shard++) {
      List<String> shardSets = new ArrayList<>();
      for (int bucket = 0; bucket < RedisLayout.INDEX_BUCKETS; bucket++) {
        for (String definition : definitions) {
          for (WorkflowStatus s : query.status().statuses()) {
            shardSets.add(layout.index(shard, bucket, s, definition));
          }
        }
      }
      sets.add(shardSets);
    }
    return sets;
  }

  /** The {@code want} newest keys across {@code sets} older than {@code after}, newest first. */
  private TreeSet<String> newest(
      List<List<String>> sets, String after, int want, Function<RedisFuture<?>, Object> await) {
    String[] args = {after == null ? "" : after, Integer.toString(want)};
    List<RedisFuture<List<String>>> sent = new ArrayList<>();
    for (List<String> shardSets : sets) {
      sent.add(
          redis.evalsha(
              RedisScripts.Script.NEWEST.sha,
              ScriptOutputType.MULTI,
              shardSets.toArray(String[]::new),
              args));
    }
    TreeSet<String> merged = new TreeSet<>(Comparator.reverseOrder());
    for (int i = 0; i < sent.size(); i++) {
      merged.addAll(members(sent.get(i), sets.get(i), args, await));
    }
    return merged;
  }

  /**
   * A shard's reply; a server without the script cached (restarted, failed over, SCRIPT FLUSH) is
   * asked again with its source.
   */
  @SuppressWarnings("unchecked")
  private List<String> members(
      RedisFuture<List<String>> sent,
      List<String> sets,
      String[] args,
      Function<RedisFuture<?>, Object> await) {
    try {
      return (List<String>) await.apply(sent);
    } catch (RedisNoScriptException e) {
      RedisFuture<List<String>> again =
          redis.eval(
              RedisScripts.Script.NEWEST.source,
              ScriptOutputType.MULTI,
              sets.toArray(String[]::new),
              args);
      return (List<String>) await.apply(again);
    }
  }
}
