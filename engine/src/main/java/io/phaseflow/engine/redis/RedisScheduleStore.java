package io.phaseflow.engine.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.schedule.Firing;
import io.phaseflow.engine.schedule.Schedule;
import io.phaseflow.engine.schedule.ScheduleStore;
import io.phaseflow.engine.schedule.StoredSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The schedules of a namespace in Redis (keys in {@link RedisLayout}: {@code PREFIX:{sch}:...}, one
 * slot). Adding, removing and claiming are each one Lua step; listing reads the names set, then
 * every schedule's hash and firings in one pipelined round trip: no SCAN, bounded by the number of
 * schedules. Connects on first use. Thread-safe (a Lettuce connection is).
 */
public final class RedisScheduleStore implements ScheduleStore {
  private final RedisConnector connector;
  private final String prefix;
  private RedisConnection connection;
  private RedisScripts scripts;

  public RedisScheduleStore(RedisConnector connector, String prefix) {
    this.connector = connector;
    this.prefix = RedisLayout.checkPrefix(prefix);
  }

  private synchronized RedisConnection connection() {
    if (connection == null) {
      connection = connector.connect();
      scripts = new RedisScripts(connection.sync());
    }
    return connection;
  }

  private synchronized RedisScripts scripts() {
    connection();
    return scripts;
  }

  @Override
  public boolean add(Schedule schedule) {
    List<String> args = new ArrayList<>();
    args.add(schedule.name());
    ScheduleCodec.fields(schedule)
        .forEach(
            (field, value) -> {
              args.add(field);
              args.add(value);
            });
    Long done =
        call(
            "adding schedule " + schedule.name(),
            () ->
                scripts()
                    .call(
                        RedisScripts.Script.SCHEDULE_ADD,
                        ScriptOutputType.INTEGER,
                        new String[] {
                          RedisLayout.scheduleNames(prefix),
                          RedisLayout.schedule(prefix, schedule.name())
                        },
                        args.toArray(String[]::new)));
    return done == RedisLayout.DONE;
  }

  @Override
  public boolean remove(String name) {
    Long done =
        call(
            "removing schedule " + name,
            () ->
                scripts()
                    .call(
                        RedisScripts.Script.SCHEDULE_REMOVE,
                        ScriptOutputType.INTEGER,
                        new String[] {
                          RedisLayout.scheduleNames(prefix),
                          RedisLayout.schedule(prefix, name),
                          RedisLayout.scheduleFirings(prefix, name)
                        },
                        name));
    return done == RedisLayout.DONE;
  }

  @Override
  public Optional<StoredSchedule> get(String name) {
    return read(List.of(name)).stream().findFirst();
  }

  @Override
  public List<StoredSchedule> list() {
    return read(
        new TreeSet<>(
            call(
                "listing schedules",
                () -> connection().sync().smembers(RedisLayout.scheduleNames(prefix)))));
  }

  /** The schedules named, in one pipelined round trip; a name whose hash is gone is left out. */
  private List<StoredSchedule> read(java.util.Collection<String> names) {
    return call(
        "reading schedules",
        () -> {
          RedisClusterAsyncCommands<String, String> async = connection().async();
          List<Future<Map<String, String>>> hashes = new ArrayList<>();
          List<Future<List<String>>> firings = new ArrayList<>();
          for (String name : names) {
            hashes.add(async.hgetall(RedisLayout.schedule(prefix, name)).toCompletableFuture());
            firings.add(
                async
                    .lrange(RedisLayout.scheduleFirings(prefix, name), 0, -1)
                    .toCompletableFuture());
          }
          List<StoredSchedule> out = new ArrayList<>();
          int i = 0;
          for (String name : names) {
            Map<String, String> fields = await(hashes.get(i));
            List<String> lines = await(firings.get(i++));
            if (!fields.isEmpty()) {
              out.add(ScheduleCodec.stored(name, fields, lines));
            }
          }
          return out;
        });
  }

  @Override
  public Claim claim(String name, Firing firing) {
    String reply =
        call(
            "claiming tick " + firing.tick() + " of schedule " + name,
            () ->
                scripts()
                    .call(
                        RedisScripts.Script.SCHEDULE_CLAIM,
                        ScriptOutputType.VALUE,
                        new String[] {
                          RedisLayout.schedule(prefix, name),
                          RedisLayout.scheduleFirings(prefix, name)
                        },
                        Long.toString(firing.tick()),
                        ScheduleCodec.line(firing),
                        firing.outcome() == Firing.Outcome.FIRED
                            ? RedisLayout.SC_FIRED
                            : RedisLayout.SC_SKIP,
                        firing.workflow() == null ? "" : firing.workflow(),
                        Integer.toString(RECENT)));
    return switch (reply) {
      case RedisLayout.RECORDED -> Claim.WON;
      case RedisLayout.DUPLICATE -> Claim.TAKEN;
      default -> Claim.GONE;
    };
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RedisException r ? r : new RedisException(e.getCause());
    }
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private static <T> T call(String doing, Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new ServerUnavailable("Redis failed " + doing + ": " + e.getMessage(), e);
    }
  }
}
