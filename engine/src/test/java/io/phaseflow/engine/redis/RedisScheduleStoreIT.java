package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import io.phaseflow.engine.schedule.Firing;
import io.phaseflow.engine.schedule.ScheduleStore;
import io.phaseflow.engine.schedule.ScheduleStoreContract;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schedule store contract on a real Redis, and its keys' place in the layout. */
class RedisScheduleStoreIT extends ScheduleStoreContract {
  private static RedisConnector client;
  private static final List<String> PREFIXES = new ArrayList<>();
  private String prefix;

  @BeforeAll
  static void connect() {
    client = new RedisConnector(TestServers.redisSettings());
  }

  @AfterAll
  static void disconnect() {
    PREFIXES.forEach(p -> RedisCleanup.deletePrefix(client, p));
    client.close();
  }

  @Override
  protected ScheduleStore newStore() {
    prefix = RedisCleanup.uniquePrefix("pfsched");
    PREFIXES.add(prefix);
    return new RedisScheduleStore(client, prefix);
  }

  @AfterEach
  void forget() {
    RedisCleanup.deletePrefix(client, prefix);
  }

  @Test
  void everyKeyOfTheNamespacesSchedulesIsInOneSlot() {
    store.add(schedule("a"));
    store.add(schedule("b"));
    store.claim("a", Firing.fired(CREATED + 300_000, CREATED + 300_000, "k-1"));
    try (RedisConnection c = client.connect()) {
      List<String> keys = c.sync().keys(prefix + ":*");
      assertThat(keys)
          .containsExactlyInAnyOrder(
              prefix + ":{sch}:names",
              prefix + ":{sch}:s:a",
              prefix + ":{sch}:s:b",
              prefix + ":{sch}:r:a");
      assertThat(keys.stream().map(SlotHash::getSlot).distinct()).hasSize(1);
    }
  }

  @Test
  void deletingTheNamespaceDeletesItsSchedules() {
    store.add(schedule("a"));
    store.claim("a", Firing.fired(CREATED + 300_000, CREATED + 300_000, "k-1"));
    assertThat(RedisNamespace.deleteNamespace(client, prefix)).isEqualTo(3);
    assertThat(store.list()).isEmpty();
    assertThat(store.get("a")).isEmpty();
  }
}
