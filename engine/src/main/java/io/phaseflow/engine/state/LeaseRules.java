package io.phaseflow.engine.state;

/**
 * Whether a job attempt of a limited handler may be dispatched now: the one decision both stores
 * take (the Redis store in lease.lua, which mirrors this class line for line). A lease is an
 * attempt's place among the handler's {@code maxConcurrent}; it expires at the attempt's deadline,
 * so a process that dies holding one frees it by then. The rate is a GCRA (generic cell rate)
 * limiter: one theoretical arrival time per handler, moved on by one interval (1000 / maxPerSecond
 * ms) per dispatch, which admits a dispatch when that time is not in the future: at most
 * maxPerSecond + 1 dispatches in any one-second window, and no burst beyond that. Pure: time is an
 * argument.
 */
public final class LeaseRules {
  private LeaseRules() {}

  /**
   * What the store holds for a handler when an attempt asks.
   *
   * @param live leases not yet expired at the time asked
   * @param holds whether the asking attempt already holds one of them
   * @param arrival the rate limiter's theoretical arrival time (epoch ms), 0 if none yet
   */
  public record Held(int live, boolean holds, double arrival) {}

  /**
   * The decision: {@code taken} with the limiter's new arrival time, or deferred until {@code
   * dueAt}.
   */
  public record Decision(boolean taken, long dueAt, double arrival) {
    static Decision taken(double arrival) {
      return new Decision(true, 0, arrival);
    }

    static Decision deferred(long dueAt, double arrival) {
      return new Decision(false, dueAt, arrival);
    }
  }

  /** The limiter's interval in ms between dispatches, 0 without a rate limit. */
  public static double interval(HandlerLimit limit) {
    return limit.maxPerSecond() == 0 ? 0 : 1000.0 / limit.maxPerSecond();
  }

  /**
   * @param busyRetryAt when an attempt that found every lease taken asks again (the caller adds
   *     jitter, so deferred attempts do not all come back at once)
   */
  public static Decision decide(HandlerLimit limit, Held held, long now, long busyRetryAt) {
    if (held.holds()) {
      return Decision.taken(held.arrival()); // a repeated dispatch of the same attempt
    }
    if (limit.maxConcurrent() > 0 && held.live() >= limit.maxConcurrent()) {
      return Decision.deferred(busyRetryAt, held.arrival());
    }
    double interval = interval(limit);
    if (interval == 0) {
      return Decision.taken(held.arrival());
    }
    double arrival = Math.max(held.arrival(), now);
    if (arrival > now) {
      return Decision.deferred((long) Math.ceil(arrival), held.arrival());
    }
    return Decision.taken(arrival + interval);
  }
}
