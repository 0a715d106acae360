package io.phaseflow.engine.schedule;

import java.util.List;
import java.util.Optional;

/**
 * Where schedules and what they did are kept: in memory, or in Redis where every engine process of
 * a namespace shares them. {@link #claim} is the one step engines race on: it is atomic, so each
 * tick of a schedule is claimed by exactly one caller. Implementations are thread-safe.
 */
public interface ScheduleStore extends AutoCloseable {
  /** The most recent firings kept per schedule. */
  int RECENT = 20;

  /** The answer to a claim. */
  enum Claim {
    /** This caller claimed the tick: it starts the workflow (or records the skip). */
    WON,
    /** The tick, or a later one, was claimed already (by another engine). */
    TAKEN,
    /** No such schedule (it was removed). */
    GONE
  }

  /** Adds {@code schedule}; false (and nothing changed) when one of its name exists. */
  boolean add(Schedule schedule);

  /** Removes the schedule and its firings; false when there was none of that name. */
  boolean remove(String name);

  Optional<StoredSchedule> get(String name);

  /** Every schedule, by name. Bounded by the number of schedules. */
  List<StoredSchedule> list();

  /**
   * Claims {@code firing.tick()} for schedule {@code name}, atomically: when the stored last tick
   * is earlier, it becomes this tick, the firing is added to the recent ones (the oldest beyond
   * {@link #RECENT} dropped), and a fired tick's workflow becomes the last workflow, a skipped one
   * adds one to the skipped count.
   */
  Claim claim(String name, Firing firing);

  @Override
  default void close() {}
}
