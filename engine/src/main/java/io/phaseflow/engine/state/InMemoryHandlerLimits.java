package io.phaseflow.engine.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link HandlerLimits} in memory: per limited handler, its leases and deferred attempts in {@link
 * TimedSet}s and the rate limiter's arrival time, each step under this object's monitor as a script
 * runs alone in Redis. Thread-safe.
 */
final class InMemoryHandlerLimits implements HandlerLimits {
  /** How long a deferred attempt counts as waiting after its due time (it was dropped or taken). */
  static final long DEFERRED_GRACE_MS = 60_000;

  private static final class Held {
    final TimedSet leases = new TimedSet();
    final TimedSet deferred = new TimedSet();
    double arrival;
  }

  private final Map<String, HandlerLimit> limits = new HashMap<>();
  private final Map<String, Held> held = new HashMap<>();

  @Override
  public synchronized void set(HandlerLimit limit) {
    limits.put(limit.key(), limit);
  }

  @Override
  public synchronized boolean clear(String handler, int version) {
    String key = handler + "|v" + version;
    held.remove(key);
    return limits.remove(key) != null;
  }

  @Override
  public synchronized List<HandlerLimit> all() {
    List<HandlerLimit> out = new ArrayList<>(limits.values());
    out.sort(Comparator.comparing(HandlerLimit::handler).thenComparing(HandlerLimit::version));
    return out;
  }

  @Override
  public synchronized LeaseRules.Decision take(
      HandlerLimit limit, String member, long expiresAt, long now, long busyRetryAt) {
    Held h = held.computeIfAbsent(limit.key(), k -> new Held());
    h.leases.dueAt(now, Integer.MAX_VALUE).forEach(h.leases::remove);
    h.deferred.dueAt(now - DEFERRED_GRACE_MS, Integer.MAX_VALUE).forEach(h.deferred::remove);
    LeaseRules.Decision d =
        LeaseRules.decide(
            limit,
            new LeaseRules.Held(h.leases.size(), h.leases.move(member, expiresAt), h.arrival),
            now,
            busyRetryAt);
    h.arrival = d.arrival();
    if (d.taken()) {
      h.leases.put(member, expiresAt);
      h.deferred.remove(member);
    } else {
      h.deferred.put(member, d.dueAt());
    }
    return d;
  }

  @Override
  public synchronized void extend(HandlerLimit limit, String member, long expiresAt) {
    Held h = held.get(limit.key());
    if (h != null) {
      h.leases.move(member, expiresAt);
    }
  }

  @Override
  public synchronized void release(HandlerLimit limit, String member) {
    Held h = held.get(limit.key());
    if (h != null) {
      h.leases.remove(member);
    }
  }

  @Override
  public synchronized List<Usage> usage(long now) {
    List<Usage> out = new ArrayList<>();
    for (HandlerLimit l : all()) {
      Held h = held.get(l.key());
      if (h == null) {
        out.add(new Usage(l, 0, 0));
      } else {
        int expired = h.leases.dueAt(now, Integer.MAX_VALUE).size();
        int stale = h.deferred.dueAt(now - DEFERRED_GRACE_MS, Integer.MAX_VALUE).size();
        out.add(new Usage(l, h.leases.size() - expired, h.deferred.size() - stale));
      }
    }
    return out;
  }
}
