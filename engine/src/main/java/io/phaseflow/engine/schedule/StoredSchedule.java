package io.phaseflow.engine.schedule;

/** A schedule and what it has done, as the store holds them. Immutable. */
public record StoredSchedule(Schedule schedule, ScheduleState state) {}
