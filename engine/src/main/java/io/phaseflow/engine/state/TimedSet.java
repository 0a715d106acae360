package io.phaseflow.engine.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Members ordered by a time, like a Redis sorted set: the in-memory deadlines and due attempts.
 * Thread-safe (every method holds this set's monitor; callers may hold a workflow's lock first,
 * never the other way round).
 */
final class TimedSet {
  private record Timed(long at, String member) implements Comparable<Timed> {
    @Override
    public int compareTo(Timed o) {
      int c = Long.compare(at, o.at);
      return c != 0 ? c : member.compareTo(o.member);
    }
  }

  private final Map<String, Long> times = new HashMap<>();
  private final NavigableSet<Timed> ordered = new TreeSet<>();

  synchronized void put(String member, long at) {
    remove(member);
    times.put(member, at);
    ordered.add(new Timed(at, member));
  }

  /** Moves a member that is present; false when it is not. */
  synchronized boolean move(String member, long at) {
    if (!times.containsKey(member)) {
      return false;
    }
    put(member, at);
    return true;
  }

  synchronized boolean remove(String member) {
    Long at = times.remove(member);
    if (at == null) {
      return false;
    }
    ordered.remove(new Timed(at, member));
    return true;
  }

  /** Removes {@code member} if its time is at or before {@code now}. */
  synchronized boolean removeIfDue(String member, long now) {
    Long at = times.get(member);
    return at != null && at <= now && remove(member);
  }

  /** The first {@code limit} members whose time is at or before {@code now}, earliest first. */
  synchronized List<String> dueAt(long now, int limit) {
    List<String> out = new ArrayList<>();
    for (Timed t : ordered) {
      if (t.at > now || out.size() == limit) {
        break;
      }
      out.add(t.member);
    }
    return out;
  }

  synchronized int size() {
    return times.size();
  }
}
