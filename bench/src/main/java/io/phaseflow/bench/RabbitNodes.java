package io.phaseflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RabbitMQ nodes of this machine, by node name: each node's Erlang memory and AMQP messages
 * received, asked with {@code rabbitmqctl eval} (a CLI VM of its own, so only between measured
 * intervals), and its CPU read from {@code /proc/PID/stat} of the node's {@code beam.smp}, whose
 * pid the node itself reports. Linux and local nodes only.
 */
final class RabbitNodes {
  /** A node's counters at one moment. */
  record Sample(long cpuMicros, long memory, long received) {}

  private static final String EVAL =
      "{list_to_integer(os:getpid()), erlang:memory(total), maps:get(messages_received_total,"
          + " maps:get([{protocol,amqp091}], rabbit_global_counters:overview()))}.";
  // Garbage first, so the memory figure is what is live: a small delta drowns in garbage otherwise.
  private static final String EVAL_AFTER_GC =
      "begin [erlang:garbage_collect(P) || P <- erlang:processes()], "
          + EVAL.replace("}.", "} end.");
  private static final Pattern REPLY = Pattern.compile("\\{(\\d+),(\\d+),(\\d+)}");

  private final List<String> names;
  private final long[] pids;

  /**
   * @param names node names as rabbitmqctl -n takes them, e.g. pf5681@localhost
   */
  RabbitNodes(List<String> names) throws IOException, InterruptedException {
    this.names = List.copyOf(names);
    this.pids = new long[names.size()];
    for (int i = 0; i < names.size(); i++) {
      pids[i] = ask(names.get(i), EVAL)[0];
    }
  }

  List<String> names() {
    return names;
  }

  /** CPU only: cheap, from /proc, safe inside a measured interval. */
  long[] cpuMicros() {
    long[] out = new long[pids.length];
    for (int i = 0; i < pids.length; i++) {
      out[i] = cpuMicros(pids[i]);
    }
    return out;
  }

  /**
   * CPU, memory and messages received per node; runs rabbitmqctl once per node. With {@code gc}
   * every Erlang process of the node is garbage-collected first (which costs the node CPU: not for
   * a measured interval's CPU, read {@link #cpuMicros()} around it instead).
   */
  List<Sample> sample(boolean gc) throws IOException, InterruptedException {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      long cpu = cpuMicros(pids[i]);
      long[] reply = ask(names.get(i), gc ? EVAL_AFTER_GC : EVAL);
      out.add(new Sample(cpu, reply[1], reply[2]));
    }
    return out;
  }

  /** User + system CPU of a process, all threads, from /proc/PID/stat (a jiffy is 10 ms). */
  static long cpuMicros(long pid) {
    try {
      return parseStatJiffies(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
          * 10_000;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read /proc/" + pid + "/stat: the process is not on this machine or ended", e);
    }
  }

  /** utime + stime of a /proc/PID/stat line (the command name may hold spaces and parentheses). */
  static long parseStatJiffies(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static long[] ask(String node, String expression)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("rabbitmqctl", "-q", "-n", node, "eval", expression)
            .redirectErrorStream(true)
            .start();
    String reply = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "rabbitmqctl -n "
              + node
              + " eval failed: "
              + reply.trim()
              + "; is the node running on this machine? name the nodes with --rabbit-nodes");
    }
    Matcher m = REPLY.matcher(reply.replaceAll("\\s", ""));
    if (!m.find()) {
      throw new IllegalStateException("unexpected reply from " + node + ": " + reply.trim());
    }
    return new long[] {
      Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))
    };
  }
}
