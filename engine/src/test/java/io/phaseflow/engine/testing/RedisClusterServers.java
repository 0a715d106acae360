package io.phaseflow.engine.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisSettings;
import java.time.Duration;
import java.util.List;

/**
 * The Redis Cluster of the cluster integration tests (JUnit tag {@value #TAG}, run by {@code mvn
 * verify -Predis-cluster}): {@value #ENV} if set, else the one {@code scripts/redis-cluster start}
 * runs on 127.0.0.1:7001-7006. They share database 0 with anything else on it and keep to their own
 * key prefix.
 */
public final class RedisClusterServers {
  public static final String TAG = "redis-cluster";
  public static final String ENV = "PHASEFLOW_REDIS_CLUSTER_URL";
  static final String LOCAL = "redis://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003";

  private RedisClusterServers() {}

  public static RedisSettings settings() {
    TestTier.requireIntegrationTier("a Redis Cluster");
    String url = System.getenv(ENV);
    return RedisSettings.parse(url == null || url.isBlank() ? LOCAL : url);
  }

  /** A connector to the cluster; fails, saying how to start one, if it is not a cluster. */
  public static RedisConnector connector() {
    RedisConnector connector = new RedisConnector(settings());
    boolean cluster;
    try {
      cluster = connector.isCluster();
    } catch (RuntimeException e) {
      connector.close();
      throw new IllegalStateException(
          "no Redis Cluster at "
              + settings().redacted()
              + " ("
              + e.getMessage()
              + "); start one with scripts/redis-cluster start, or set "
              + ENV,
          e);
    }
    if (!cluster) {
      connector.close();
      throw new IllegalStateException(
          settings().redacted() + " is not a Redis Cluster; set " + ENV + " to a cluster's seeds");
    }
    return connector;
  }

  /** The cluster's nodes as one of them sees them now (CLUSTER NODES), masters and replicas. */
  public static List<RedisClusterNode> nodes() {
    RedisClient client = RedisClient.create(settings().toRedisUri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      return ClusterPartitionParser.parse(c.sync().clusterNodes()).getPartitions();
    } finally {
      client.shutdown();
    }
  }

  /** The connected masters' addresses. */
  public static List<RedisURI> masters() {
    return nodes().stream()
        .filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM) && n.isConnected())
        .filter(n -> !n.is(RedisClusterNode.NodeFlag.FAIL))
        .map(RedisClusterNode::getUri)
        .toList();
  }

  /** A replica, connected and in sync, whose master is connected: the one to promote. */
  public static RedisClusterNode replicaToPromote() {
    List<RedisClusterNode> nodes = nodes();
    return nodes.stream()
        .filter(n -> n.is(RedisClusterNode.NodeFlag.REPLICA) && n.isConnected())
        .filter(n -> masterOf(nodes, n).isConnected())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no connected replica in the cluster at "
                        + settings().redacted()
                        + "; restart it with scripts/redis-cluster stop && start"));
  }

  public static RedisClusterNode masterOf(List<RedisClusterNode> nodes, RedisClusterNode replica) {
    return nodes.stream()
        .filter(n -> n.getNodeId().equals(replica.getSlaveOf()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no master " + replica.getSlaveOf()));
  }

  /**
   * Sends CLUSTER FAILOVER to {@code replica} (a manual failover: the replica catches up with its
   * master, which stops taking writes meanwhile, then takes its slots over) and waits until it says
   * it is a master. Returns how long that took, in milliseconds.
   */
  public static long promote(RedisClusterNode replica, Duration timeout)
      throws InterruptedException {
    RedisClient client = RedisClient.create(replica.getUri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      long start = System.nanoTime();
      c.sync().clusterFailover(false);
      long deadline = start + timeout.toNanos();
      while (!c.sync().info("replication").contains("role:master")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              replica.getUri() + " was not promoted within " + timeout + " of CLUSTER FAILOVER");
        }
        Thread.sleep(10);
      }
      return (System.nanoTime() - start) / 1_000_000;
    } finally {
      client.shutdown();
    }
  }
}
