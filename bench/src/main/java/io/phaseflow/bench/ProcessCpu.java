package io.phaseflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CPU time of the broker, Redis and Java processes on this machine, from /proc (Linux only). */
final class ProcessCpu {
  private static final String[] NAMES = {"beam.smp", "redis-server", "java"};

  private ProcessCpu() {}

  /** Jiffies per process name, summed over processes of that name; zeros where /proc is absent. */
  static long[] sample() {
    long[] t = new long[NAMES.length];
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long jiffies = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          for (int i = 0; i < NAMES.length; i++) {
            if (comm.startsWith(NAMES[i].substring(0, Math.min(15, NAMES[i].length())))) {
              t[i] += jiffies;
            }
          }
        } catch (IOException | RuntimeException e) {
          // a process that ended while we read it
        }
      }
    } catch (IOException e) {
      return t;
    }
    return t;
  }

  /** CPU microseconds per unit of work, by process name, e.g. "RabbitMQ 245 µs, Redis 52 µs". */
  static String perUnit(long[] a, long[] b, long units) {
    String[] labels = {"RabbitMQ", "Redis", "JVMs"};
    List<String> parts = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < NAMES.length; i++) {
      long micros = (b[i] - a[i]) * 10_000 / Math.max(1, units); // a jiffy is 10 ms
      total += micros;
      parts.add(labels[i] + " " + micros + " µs");
    }
    return String.join(", ", parts) + " = " + total + " µs";
  }
}
