package io.phaseflow.engine.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.state.HandlerLimit;
import io.phaseflow.engine.state.HandlerLimits;
import io.phaseflow.engine.state.LeaseRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@link HandlerLimits} in Redis: the limits in one hash, each limited handler's leases, deferred
 * attempts and rate limiter under the handler's own hash tag ({@link RedisLayout#limited}); a lease
 * is taken by lease.lua, which decides as {@link LeaseRules} does. Thread-safe.
 */
final class RedisHandlerLimits implements HandlerLimits {
  /** How long a deferred attempt counts as waiting after its due time (it was dropped or taken). */
  private static final long DEFERRED_GRACE_MS = 60_000;

  private final RedisClusterCommands<String, String> redis;
  private final RedisScripts scripts;
  private final RedisLayout layout;
  private final RedisAttempts.Caller caller;

  RedisHandlerLimits(
      RedisClusterCommands<String, String> redis,
      RedisScripts scripts,
      RedisLayout layout,
      RedisAttempts.Caller caller) {
    this.redis = redis;
    this.scripts = scripts;
    this.layout = layout;
    this.caller = caller;
  }

  @Override
  public void set(HandlerLimit limit) {
    caller.call(
        () ->
            redis.hset(
                layout.limits(), limit.key(), limit.maxConcurrent() + "," + limit.maxPerSecond()));
  }

  @Override
  public boolean clear(String handler, int version) {
    String key = handler + "|v" + version;
    String base = layout.limited(key);
    caller.call(() -> redis.del(base + "l", base + "d", base + "r"));
    Long removed = caller.call(() -> redis.hdel(layout.limits(), key));
    return removed != null && removed > 0;
  }

  @Override
  public List<HandlerLimit> all() {
    Map<String, String> fields = caller.call(() -> redis.hgetall(layout.limits()));
    List<HandlerLimit> out = new ArrayList<>(fields.size());
    fields.forEach((k, v) -> out.add(parse(k, v)));
    out.sort(Comparator.comparing(HandlerLimit::handler).thenComparing(HandlerLimit::version));
    return out;
  }

  private HandlerLimit parse(String key, String value) {
    try {
      int bar = key.lastIndexOf("|v");
      String[] v = value.split(",");
      return new HandlerLimit(
          key.substring(0, bar),
          Integer.parseInt(key.substring(bar + 2)),
          Integer.parseInt(v[0]),
          Integer.parseInt(v[1]));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "handler limit field '"
              + key
              + "' = '"
              + value
              + "' in "
              + layout.limits()
              + " is not NAME|vN = MAXCONCURRENT,MAXPERSECOND; set it again with `phaseflow"
              + " limits set`",
          e);
    }
  }

  @Override
  public LeaseRules.Decision take(
      HandlerLimit limit, String member, long expiresAt, long now, long busyRetryAt) {
    String base = layout.limited(limit.key());
    String[] keys = {base + "l", base + "d", base + "r"};
    String[] args = {
      member,
      Long.toString(expiresAt),
      Long.toString(now),
      Integer.toString(limit.maxConcurrent()),
      Double.toString(LeaseRules.interval(limit)),
      Long.toString(busyRetryAt),
      Long.toString(DEFERRED_GRACE_MS)
    };
    Long dueAt =
        caller.call(
            () ->
                scripts.<Long>call(
                    RedisScripts.Script.LEASE, ScriptOutputType.INTEGER, keys, args));
    // The script keeps the limiter's time: the decision's arrival is not read back.
    return dueAt == 0
        ? new LeaseRules.Decision(true, 0, 0)
        : new LeaseRules.Decision(false, dueAt, 0);
  }

  @Override
  public void extend(HandlerLimit limit, String member, long expiresAt) {
    String leases = layout.limited(limit.key()) + "l";
    caller.call(() -> redis.zadd(leases, ZAddArgs.Builder.xx(), expiresAt, member));
  }

  @Override
  public void release(HandlerLimit limit, String member) {
    String leases = layout.limited(limit.key()) + "l";
    caller.call(() -> redis.zrem(leases, member));
  }

  @Override
  public List<Usage> usage(long now) {
    List<Usage> out = new ArrayList<>();
    for (HandlerLimit l : all()) {
      String base = layout.limited(l.key());
      Long leases =
          caller.call(
              () -> redis.zcount(base + "l", Range.create((double) now + 1, Double.MAX_VALUE)));
      Long deferred =
          caller.call(
              () ->
                  redis.zcount(
                      base + "d",
                      Range.create((double) (now - DEFERRED_GRACE_MS + 1), Double.MAX_VALUE)));
      out.add(new Usage(l, leases.intValue(), deferred.intValue()));
    }
    return out;
  }
}
