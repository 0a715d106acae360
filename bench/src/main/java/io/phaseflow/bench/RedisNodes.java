package io.phaseflow.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.StringCodec;
import io.phaseflow.engine.redis.RedisSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every node of one Redis (a standalone server, or a cluster's masters and replicas) with a
 * connection of its own, so each node's {@code INFO} can be read: its CPU ({@code used_cpu_sys +
 * used_cpu_user}, the whole process) and {@code used_memory}. Works on remote servers too.
 */
final class RedisNodes implements AutoCloseable {
  /** One node: where, its role, and the share of a namespace's shards whose slots it serves. */
  record Node(String address, boolean master, double shardShare) {}

  /** A node's counters at one moment. */
  record Sample(long cpuMicros, long usedMemory) {}

  private final RedisClient client;
  private final List<Node> nodes = new ArrayList<>();
  private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();

  /**
   * @param shards the namespace's shard count: shard S's keys carry hash tag {S}
   */
  RedisNodes(RedisSettings settings, int shards) {
    this.client = RedisClient.create();
    RedisURI seed = settings.toRedisUris().get(0);
    StatefulRedisConnection<String, String> first = client.connect(StringCodec.UTF8, seed);
    if (!first.sync().info("cluster").contains("cluster_enabled:1")) {
      nodes.add(new Node(seed.getHost() + ":" + seed.getPort(), true, 1.0));
      connections.add(first);
      return;
    }
    String table = first.sync().clusterNodes();
    first.close();
    for (String line : table.split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length < 8 || f[2].contains("fail") || f[2].contains("noaddr")) {
        continue;
      }
      String address = f[1].substring(0, f[1].indexOf('@'));
      boolean master = f[2].contains("master");
      List<int[]> ranges = new ArrayList<>();
      for (int i = 8; i < f.length; i++) {
        if (!f[i].startsWith("[")) { // [slot->-id] marks a migration, not an owned slot
          String[] r = f[i].split("-");
          ranges.add(new int[] {Integer.parseInt(r[0]), Integer.parseInt(r[r.length - 1])});
        }
      }
      nodes.add(new Node(address, master, master ? shardShare(ranges, shards) : 0));
    }
    nodes.sort(
        (a, b) ->
            a.master() == b.master() ? a.address().compareTo(b.address()) : a.master() ? -1 : 1);
    for (Node n : nodes) {
      String host = n.address().substring(0, n.address().lastIndexOf(':'));
      int port = Integer.parseInt(n.address().substring(n.address().lastIndexOf(':') + 1));
      RedisURI uri = RedisURI.builder(seed).withHost(host).withPort(port).build();
      connections.add(client.connect(StringCodec.UTF8, uri));
    }
  }

  /** The fraction of shard hash tags {0}..{shards-1} whose slot falls in the ranges. */
  static double shardShare(List<int[]> ranges, int shards) {
    int owned = 0;
    for (int s = 0; s < shards; s++) {
      int slot = SlotHash.getSlot("{" + s + "}");
      for (int[] r : ranges) {
        if (slot >= r[0] && slot <= r[1]) {
          owned++;
          break;
        }
      }
    }
    return owned / (double) shards;
  }

  List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** Each node's counters now, in the order of {@link #nodes()}. */
  List<Sample> sample() {
    List<Sample> out = new ArrayList<>();
    for (StatefulRedisConnection<String, String> c : connections) {
      RedisCommands<String, String> r = c.sync();
      Map<String, String> info = fields(r.info("cpu") + r.info("memory"));
      double seconds =
          Double.parseDouble(info.get("used_cpu_sys"))
              + Double.parseDouble(info.get("used_cpu_user"));
      out.add(new Sample(Math.round(seconds * 1e6), Long.parseLong(info.get("used_memory"))));
    }
    return out;
  }

  /** INFO's {@code name:value} lines as a map. */
  static Map<String, String> fields(String info) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return out;
  }

  @Override
  public void close() {
    connections.forEach(StatefulRedisConnection::close);
    client.shutdown();
  }
}
