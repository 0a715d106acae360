package io.phaseflow.engine.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Schedules in this process (the embedded mode, tests). Thread-safe: every call holds its lock. */
public final class InMemoryScheduleStore implements ScheduleStore {
  private final TreeMap<String, StoredSchedule> schedules = new TreeMap<>();

  @Override
  public synchronized boolean add(Schedule schedule) {
    return schedules.putIfAbsent(schedule.name(), new StoredSchedule(schedule, ScheduleState.NONE))
        == null;
  }

  @Override
  public synchronized boolean remove(String name) {
    return schedules.remove(name) != null;
  }

  @Override
  public synchronized Optional<StoredSchedule> get(String name) {
    return Optional.ofNullable(schedules.get(name));
  }

  @Override
  public synchronized List<StoredSchedule> list() {
    return List.copyOf(schedules.values());
  }

  @Override
  public synchronized Claim claim(String name, Firing firing) {
    StoredSchedule stored = schedules.get(name);
    if (stored == null) {
      return Claim.GONE;
    }
    ScheduleState s = stored.state();
    if (s.lastTick() >= firing.tick()) {
      return Claim.TAKEN;
    }
    List<Firing> recent = new ArrayList<>(RECENT);
    recent.add(firing);
    recent.addAll(s.recent().subList(0, Math.min(s.recent().size(), RECENT - 1)));
    boolean fired = firing.outcome() == Firing.Outcome.FIRED;
    schedules.put(
        name,
        new StoredSchedule(
            stored.schedule(),
            new ScheduleState(
                firing.tick(),
                fired ? firing.workflow() : s.lastWorkflow(),
                s.skipped() + (fired ? 0 : 1),
                recent)));
    return Claim.WON;
  }
}
