package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RedisClusterServers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What spans a namespace rather than a workflow, on a Redis Cluster: deleting it scans every
 * master, and the definition catalog answers from its own keys.
 */
@Tag(RedisClusterServers.TAG)
class RedisClusterNamespaceIT {
  private RedisConnector connector;
  private String prefix;

  @BeforeEach
  void open() {
    connector = RedisClusterServers.connector();
    prefix = RedisCleanup.uniquePrefix("pfclns");
  }

  @AfterEach
  void close() {
    RedisCleanup.deletePrefix(connector, prefix);
    connector.close();
  }

  @Test
  void deletingANamespaceFindsItsKeysOnEveryMaster() {
    try (RedisConnection c = connector.connect()) {
      for (int shard = 0; shard < RedisLayout.DEFAULT_SHARDS; shard++) {
        c.sync().set(prefix + ":{" + shard + "}w" + shard, "x");
      }
      c.sync().set(prefix + ":format", "x");
      c.sync().set(prefix + ":{sch}:names", "x");
    }
    Map<RedisURI, Integer> before = keysPerMaster();
    assertThat(before.values())
        .as("keys on each master")
        .allSatisfy(n -> assertThat(n).isPositive());
    assertThat(before.values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(RedisLayout.DEFAULT_SHARDS + 2);

    assertThat(RedisNamespace.deleteNamespace(connector, prefix))
        .isEqualTo(RedisLayout.DEFAULT_SHARDS + 2);

    assertThat(keysPerMaster().values()).allSatisfy(n -> assertThat(n).isZero());
  }

  @Test
  void theDefinitionCatalogStoresListsAndReadsVersions() {
    try (RedisDefinitionStore store = new RedisDefinitionStore(connector.connect(), prefix)) {
      for (String name : List.of("alpha", "beta", "gamma", "delta")) {
        assertThat(store.save(compiled(name, 1))).isEqualTo(RedisDefinitionStore.Stored.ADDED);
        assertThat(store.save(compiled(name, 2))).isEqualTo(RedisDefinitionStore.Stored.ADDED);
        assertThat(store.save(compiled(name, 2))).isEqualTo(RedisDefinitionStore.Stored.UNCHANGED);
      }
      assertThat(store.names()).containsExactly("alpha", "beta", "delta", "gamma");
      assertThat(store.versions("gamma")).containsExactly(1, 2);
      assertThat(store.latestVersion("beta")).hasValue(2);
      assertThat(store.find("delta", 1)).isPresent();
    }
  }

  /** Counts the namespace's keys on each master by a plain SCAN of that node alone. */
  private Map<RedisURI, Integer> keysPerMaster() {
    Map<RedisURI, Integer> counts = new HashMap<>();
    for (RedisURI master : RedisClusterServers.masters()) {
      RedisClient client = RedisClient.create(master);
      try (StatefulRedisConnection<String, String> c = client.connect()) {
        List<String> found = new ArrayList<>();
        RedisConnection.standalone(c).scan(prefix + ":*", found::addAll);
        found.forEach(
            k ->
                assertThat(c.sync().clusterCountKeysInSlot(SlotHash.getSlot(k)))
                    .as("%s is served by %s", k, master)
                    .isPositive());
        counts.put(master, found.size());
      } finally {
        client.shutdown();
      }
    }
    return counts;
  }

  private static CompiledDefinition compiled(String name, int version) {
    return CompiledDefinition.of(
        "{\"workflow\": \""
            + name
            + "\", \"version\": "
            + version
            + ", \"phases\": {\"a\": {\"is_initial\": true, \"transitions_to\": \"b\"},"
            + " \"b\": {\"is_final\": true}}}",
        "test");
  }
}
