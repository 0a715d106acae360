package io.phaseflow.engine.redis;

import io.phaseflow.engine.schedule.ScheduleStore;
import io.phaseflow.engine.schedule.ScheduleStoreContract;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RedisClusterServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The schedule store's contract on a Redis Cluster: its scripts keep to the {sch} slot. */
@Tag(RedisClusterServers.TAG)
class RedisClusterScheduleIT extends ScheduleStoreContract {
  private static RedisConnector client;
  private static final List<String> PREFIXES = new ArrayList<>();

  @BeforeAll
  static void connect() {
    client = RedisClusterServers.connector();
  }

  @AfterAll
  static void disconnect() {
    PREFIXES.forEach(p -> RedisCleanup.deletePrefix(client, p));
    client.close();
  }

  @Override
  protected ScheduleStore newStore() {
    String prefix = RedisCleanup.uniquePrefix("pfclsched");
    PREFIXES.add(prefix);
    return new RedisScheduleStore(client, prefix);
  }
}
