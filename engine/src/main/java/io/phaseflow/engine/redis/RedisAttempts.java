package io.phaseflow.engine.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.RetriedAttempt;
import io.phaseflow.engine.state.WorkflowSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link AttemptSteps} in Redis: each shard's deadlines (in buckets) and due retries are sorted
 * sets under the shard's hash tag ({@link RedisLayout#deadlines(String)}, {@link
 * RedisLayout#dueRetries}), written by the script that checks the attempt in the entry hash, so
 * every step touches one slot and is a compare-and-set on the attempt. Thread-safe.
 */
final class RedisAttempts implements AttemptSteps {
  /** Runs a Redis call, turning Redis failures into the store's errors. */
  interface Caller {
    <T> T call(Supplier<T> command);
  }

  private final RedisClusterCommands<String, String> redis;
  private final RedisClusterAsyncCommands<String, String> async;
  private final RedisScripts scripts;
  private final RedisLayout layout;
  private final Caller caller;
  private final EntryCodec codec;

  RedisAttempts(
      RedisClusterCommands<String, String> redis,
      RedisClusterAsyncCommands<String, String> async,
      RedisScripts scripts,
      RedisLayout layout,
      EntryCodec codec,
      Caller c) {
    this.codec = codec;
    this.redis = redis;
    this.async = async;
    this.scripts = scripts;
    this.layout = layout;
    this.caller = c;
  }

  @Override
  public void arm(String workflowId, int entry, List<Deadline> deadlines) {
    if (deadlines.isEmpty()) {
      return;
    }
    List<DeadlineRuns.Armed> armed = DeadlineRuns.of(deadlines);
    List<String> args = new ArrayList<>(1 + armed.size() * 3);
    args.add(workflowId + "|" + entry + "|");
    for (DeadlineRuns.Armed d : armed) {
      args.add(d.job());
      args.add(Integer.toString(d.attempt()));
      args.add(Long.toString(d.at()));
    }
    String[] k = {layout.entry(workflowId, entry), deadlinesOf(workflowId)};
    run(RedisScripts.Script.ARM, k, args);
  }

  @Override
  public boolean heartbeat(Attempt a, long deadline) {
    // XX: only a member that is there, so an attempt that ended or timed out stays so.
    Long changed =
        caller.call(
            () ->
                redis.zadd(
                    deadlinesOf(a.workflowId()), ZAddArgs.Builder.xx().ch(), deadline, a.member()));
    return changed != null && changed > 0;
  }

  /** The expired attempts, a run's (see {@link DeadlineRuns}) unfolded into its current ones. */
  @Override
  public List<Attempt> expired(long now, int limit) {
    List<String> members = scan(true, now, limit);
    List<String> attempts = new ArrayList<>(members.size());
    for (String m : members) {
      if (DeadlineRuns.isRun(m)) {
        attempts.addAll(unfold(m));
      } else {
        attempts.add(m);
      }
    }
    return AttemptSteps.parseAll(attempts);
  }

  /** A run's member {@code ID|ENTRY|gFIRST-LAST|1} made one member per attempt still current. */
  private List<String> unfold(String run) {
    String[] p = run.split("\\|");
    String[] jobs = p[2].substring(1).split("-");
    String id = p[0];
    String[] k = {layout.entry(id, Integer.parseInt(p[1])), deadlinesOf(id)};
    String[] args = {run, id + "|" + p[1] + "|", jobs[0], jobs[1]};
    return caller.call(
        () ->
            scripts.<List<String>>call(
                RedisScripts.Script.UNFOLD, ScriptOutputType.MULTI, k, args));
  }

  @Override
  public WorkflowSteps.Retried retry(Attempt failed, RetriedAttempt what, long dueAt) {
    String id = failed.workflowId();
    String[] k = {layout.entry(id, failed.entry()), deadlinesOf(id), dueOf(id)};
    List<String> args =
        List.of(
            Integer.toString(failed.job()),
            Integer.toString(failed.attempt()),
            id + "|" + failed.entry() + "|" + failed.job() + "|",
            Long.toString(dueAt),
            codec.retried(what));
    Long moved = run(RedisScripts.Script.RETRY, k, args);
    return moved == RedisLayout.DONE
        ? WorkflowSteps.Retried.RETRIED
        : WorkflowSteps.Retried.NOT_CURRENT;
  }

  @Override
  public boolean defer(Attempt a, long dueAt) {
    String id = a.workflowId();
    String[] k = {layout.entry(id, a.entry()), dueOf(id), deadlinesOf(id)};
    List<String> args =
        List.of(
            a.member(),
            Integer.toString(a.job()),
            Integer.toString(a.attempt()),
            Long.toString(dueAt));
    return run(RedisScripts.Script.DEFER, k, args).equals(RedisLayout.DONE);
  }

  @Override
  public List<Attempt> due(long now, int limit) {
    return AttemptSteps.parseAll(scan(false, now, limit));
  }

  @Override
  public boolean release(Attempt a, long now, long deadline) {
    String id = a.workflowId();
    String[] k = {layout.entry(id, a.entry()), dueOf(id), deadlinesOf(id), layout.workflow(id)};
    List<String> args =
        List.of(
            a.member(),
            Integer.toString(a.job()),
            Integer.toString(a.attempt()),
            Long.toString(now),
            Long.toString(deadline));
    return run(RedisScripts.Script.RELEASE, k, args).equals(RedisLayout.DONE);
  }

  @Override
  public void owe(Attempt owed, long dueAt) {
    caller.call(() -> redis.zadd(dueOf(owed.workflowId()), dueAt, owed.member()));
  }

  @Override
  public boolean settle(Attempt owed) {
    Long removed = caller.call(() -> redis.zrem(dueOf(owed.workflowId()), owed.member()));
    return removed != null && removed > 0;
  }

  @Override
  public void disarm(Attempt a) {
    caller.call(() -> redis.zrem(deadlinesOf(a.workflowId()), a.member()));
    caller.call(() -> redis.zrem(dueOf(a.workflowId()), a.member()));
  }

  private List<String> scan(boolean deadlines, long now, int limit) {
    // Every set's read is sent before any reply is awaited: one round trip, pipelined.
    List<RedisFuture<List<String>>> sent = new ArrayList<>();
    Range<Double> upToNow = Range.create(Double.NEGATIVE_INFINITY, (double) now);
    for (int s = 0; s < layout.shards(); s++) {
      if (deadlines) {
        for (int b = 0; b < RedisLayout.DEADLINE_BUCKETS; b++) {
          sent.add(async.zrangebyscore(layout.deadlines(s, b), upToNow, Limit.create(0, limit)));
        }
      } else {
        sent.add(async.zrangebyscore(layout.dueRetries(s), upToNow, Limit.create(0, limit)));
      }
    }
    List<String> members = new ArrayList<>();
    for (RedisFuture<List<String>> f : sent) {
      members.addAll(caller.call(() -> await(f)));
    }
    return members;
  }

  String deadlinesOf(String workflowId) {
    return layout.deadlines(workflowId);
  }

  private static <T> T await(RedisFuture<T> f) {
    try {
      return f.get(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisException("interrupted while reading deadlines", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RedisException r ? r : new RedisException(e.getCause());
    } catch (TimeoutException e) {
      throw new RedisException("no reply in a minute while reading deadlines", e);
    }
  }

  private String dueOf(String workflowId) {
    return layout.dueRetries(layout.shard(workflowId));
  }

  private Long run(RedisScripts.Script s, String[] k, List<String> args) {
    return caller.call(
        () -> scripts.<Long>call(s, ScriptOutputType.INTEGER, k, args.toArray(String[]::new)));
  }
}
