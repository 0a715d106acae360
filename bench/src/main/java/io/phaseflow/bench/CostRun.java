package io.phaseflow.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one {@code bench costs} run measured, per workflow of a W1-like workload (phase a with F
 * jobs, phase b with F, a final phase with 1: 2F + 1 jobs, 3 phases): CPU microseconds per node and
 * process, messages, and bytes. One line of text each ({@link #toLine()}, {@link #parse}), so runs
 * can be recorded in a file and fitted later by {@link CapacityModel}.
 *
 * @param redisNodes each Redis node's address; masters first, each with its share of the shards
 * @param redisShare per node: the fraction of the namespace's shards whose slots it serves (0 for a
 *     replica)
 * @param redisCpu per node: CPU µs per workflow
 * @param rabbitCpu per RabbitMQ node: CPU µs per workflow
 * @param messages AMQP messages received by the broker per workflow
 * @param redisRunningBytes Redis bytes per workflow standing in phase a with its F jobs queued
 * @param redisFinishedBytes Redis bytes per finished workflow (kept for the retention)
 * @param rabbitQueuedBytes broker memory per job message waiting in a queue
 */
record CostRun(
    String label,
    int fanout,
    int workflows,
    int inFlight,
    List<String> redisNodes,
    double[] redisShare,
    double[] redisCpu,
    List<String> rabbitNodes,
    double[] rabbitCpu,
    double messages,
    double engineCpu,
    double handlerCpu,
    double redisRunningBytes,
    double redisFinishedBytes,
    double rabbitQueuedBytes) {

  /** Jobs per workflow. */
  int jobs() {
    return jobs(fanout);
  }

  static int jobs(int fanout) {
    return 2 * fanout + 1;
  }

  /** Redis masters: nodes that serve shards. */
  int masters() {
    return (int) Arrays.stream(redisShare).filter(s -> s > 0).count();
  }

  /** CPU µs per workflow over the masters (replicas apart). */
  double redisMastersCpu() {
    double sum = 0;
    for (int i = 0; i < redisCpu.length; i++) {
      sum += redisShare[i] > 0 ? redisCpu[i] : 0;
    }
    return sum;
  }

  double redisReplicasCpu() {
    return Arrays.stream(redisCpu).sum() - redisMastersCpu();
  }

  double rabbitTotalCpu() {
    return Arrays.stream(rabbitCpu).sum();
  }

  /** One line: tab-separated name=value fields, lists comma-separated. */
  String toLine() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("label", label);
    f.put("fanout", Integer.toString(fanout));
    f.put("workflows", Integer.toString(workflows));
    f.put("inFlight", Integer.toString(inFlight));
    f.put("redisNodes", String.join(",", redisNodes));
    f.put("redisShare", join(redisShare));
    f.put("redisCpu", join(redisCpu));
    f.put("rabbitNodes", String.join(",", rabbitNodes));
    f.put("rabbitCpu", join(rabbitCpu));
    f.put("messages", num(messages));
    f.put("engineCpu", num(engineCpu));
    f.put("handlerCpu", num(handlerCpu));
    f.put("redisRunningBytes", num(redisRunningBytes));
    f.put("redisFinishedBytes", num(redisFinishedBytes));
    f.put("rabbitQueuedBytes", num(rabbitQueuedBytes));
    return f.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\t"));
  }

  /** Reads a line of {@link #toLine()}. */
  static CostRun parse(String line) {
    Map<String, String> f = new LinkedHashMap<>();
    for (String field : line.trim().split("\t")) {
      int eq = field.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("not a bench costs record (no name=value): " + field);
      }
      f.put(field.substring(0, eq), field.substring(eq + 1));
    }
    try {
      return new CostRun(
          f.get("label"),
          Integer.parseInt(f.get("fanout")),
          Integer.parseInt(f.get("workflows")),
          Integer.parseInt(f.get("inFlight")),
          List.of(f.get("redisNodes").split(",")),
          numbers(f.get("redisShare")),
          numbers(f.get("redisCpu")),
          List.of(f.get("rabbitNodes").split(",")),
          numbers(f.get("rabbitCpu")),
          Double.parseDouble(f.get("messages")),
          Double.parseDouble(f.get("engineCpu")),
          Double.parseDouble(f.get("handlerCpu")),
          Double.parseDouble(f.get("redisRunningBytes")),
          Double.parseDouble(f.get("redisFinishedBytes")),
          Double.parseDouble(f.get("rabbitQueuedBytes")));
    } catch (NullPointerException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "a bench costs record with a missing or malformed field: " + line, e);
    }
  }

  private static String join(double[] values) {
    return Arrays.stream(values).mapToObj(CostRun::num).collect(Collectors.joining(","));
  }

  private static double[] numbers(String s) {
    return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  private static String num(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }
}
