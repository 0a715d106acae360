package io.phaseflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of the broker and Redis (every process of that name on this machine) and of the two
 * benchmark JVMs (by pid: other Java processes, builds say, do not count), from /proc (Linux only).
 */
final class ProcessCpu {
  private static final String[] NAMES = {"beam.smp", "redis-server"};
  private static final String[] LABELS = {"RabbitMQ", "Redis", "engine JVM", "handlers JVM"};

  private ProcessCpu() {}

  /**
   * Jiffies of the broker, Redis, this JVM and the handler process {@code handlersPid}; zeros where
   * /proc is absent.
   */
  static long[] sample(long handlersPid) {
    long[] t = new long[LABELS.length];
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          for (int i = 0; i < NAMES.length; i++) {
            if (comm.startsWith(NAMES[i].substring(0, Math.min(15, NAMES[i].length())))) {
              t[i] += RabbitNodes.parseStatJiffies(stat);
            }
          }
        } catch (IOException | RuntimeException e) {
          // a process that ended while we read it
        }
      }
    } catch (IOException e) {
      return t;
    }
    t[2] = jiffies(ProcessHandle.current().pid());
    t[3] = jiffies(handlersPid);
    return t;
  }

  private static long jiffies(long pid) {
    try {
      return RabbitNodes.parseStatJiffies(
          Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** CPU microseconds per unit of work, by process, e.g. "RabbitMQ 245 µs, Redis 52 µs, ...". */
  static String perUnit(long[] a, long[] b, long units) {
    List<String> parts = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < LABELS.length; i++) {
      long micros = (b[i] - a[i]) * 10_000 / Math.max(1, units); // a jiffy is 10 ms
      total += micros;
      parts.add(LABELS[i] + " " + micros + " µs");
    }
    return String.join(", ", parts) + " = " + total + " µs";
  }
}
