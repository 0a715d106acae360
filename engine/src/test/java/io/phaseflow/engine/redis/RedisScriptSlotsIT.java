package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.StringCodec;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowStepsContract;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the whole steps contract on a standalone Redis while recording every script call, then
 * checks that each call's KEYS, and each argument that names a key or a key prefix of the namespace
 * (a script builds entry and index keys from those), hash to one Redis Cluster slot (CRC16 of the
 * hash tag): the precondition for running unchanged on a cluster. The cluster profile runs the same
 * contract on a real cluster, which enforces it ({@link RedisClusterStoreIT}).
 */
class RedisScriptSlotsIT extends WorkflowStepsContract {
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfslots");
  private static final Map<String, RedisScripts.Script> BY_SHA =
      Arrays.stream(RedisScripts.Script.values())
          .collect(Collectors.toMap(s -> s.sha, s -> s, (a, b) -> a));

  /** Scripts a workflow store never runs: schedules have their own store, and migrate. */
  private static final Set<RedisScripts.Script> NOT_STEPS =
      EnumSet.of(
          RedisScripts.Script.MIGRATE,
          // a read (the listing), sent on the async connection; its keys are one shard's index
          // sets, which RedisLayoutIT maps to one slot
          RedisScripts.Script.NEWEST,
          RedisScripts.Script.SCHEDULE_ADD,
          RedisScripts.Script.SCHEDULE_REMOVE,
          RedisScripts.Script.SCHEDULE_CLAIM);

  private static final List<Call> CALLS = java.util.Collections.synchronizedList(new ArrayList<>());
  private static RedisClient client;
  private static RedisConnector connector;

  private record Call(RedisScripts.Script script, List<String> keys, List<String> args) {}

  @BeforeAll
  static void connect() {
    client = RedisClient.create(TestServers.redisSettings().toRedisUri());
    connector = new RedisConnector(TestServers.redisSettings());
  }

  @AfterAll
  static void checkSlots() {
    try {
      Set<RedisScripts.Script> seen = EnumSet.noneOf(RedisScripts.Script.class);
      synchronized (CALLS) {
        for (Call call : CALLS) {
          seen.add(call.script());
          List<String> named =
              Stream.concat(
                      call.keys().stream(), call.args().stream().filter(a -> a.startsWith(PREFIX)))
                  .toList();
          assertThat(named.stream().map(SlotHash::getSlot).distinct())
              .as("slots of %s's keys and key arguments %s", call.script(), named)
              .hasSize(1);
          assertThat(named)
              .as("%s's keys carry a shard's hash tag", call.script())
              .allMatch(k -> k.startsWith(PREFIX + ":{"));
        }
      }
      assertThat(seen)
          .as("every step script ran in the contract")
          .containsAll(EnumSet.complementOf(EnumSet.copyOf(NOT_STEPS)));
    } finally {
      client.shutdown();
      RedisCleanup.deletePrefix(connector, PREFIX);
      connector.close();
    }
  }

  @Override
  protected StateStore newStore() {
    return new RedisStateStore(
        RedisConnection.standalone(recorded(client.connect(StringCodec.UTF8))),
        PREFIX,
        RETENTION,
        "test");
  }

  @Override
  protected void elapse(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The connection, with every EVALSHA and EVAL recorded with its keys and arguments. */
  @SuppressWarnings("unchecked")
  private static StatefulRedisConnection<String, String> recorded(
      StatefulRedisConnection<String, String> real) {
    RedisCommands<String, String> sync =
        (RedisCommands<String, String>)
            Proxy.newProxyInstance(
                RedisCommands.class.getClassLoader(),
                new Class<?>[] {RedisCommands.class},
                (p, m, args) -> {
                  if (m.getName().equals("evalsha") || m.getName().equals("eval")) {
                    RedisScripts.Script script =
                        BY_SHA.getOrDefault(
                            (String) args[0],
                            BY_SHA.get(RedisScripts.Script.sha1((String) args[0])));
                    CALLS.add(
                        new Call(
                            script,
                            List.of((String[]) args[2]),
                            args.length > 3 ? List.of((String[]) args[3]) : List.of()));
                  }
                  return invoke(m, real.sync(), args);
                });
    return (StatefulRedisConnection<String, String>)
        Proxy.newProxyInstance(
            StatefulRedisConnection.class.getClassLoader(),
            new Class<?>[] {StatefulRedisConnection.class},
            (p, m, args) -> m.getName().equals("sync") ? sync : invoke(m, real, args));
  }

  private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
