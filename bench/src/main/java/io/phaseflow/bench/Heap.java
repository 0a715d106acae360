package io.phaseflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** This JVM's heap, as the benchmarks read it: used now, the pools' peaks, the maximum. */
final class Heap {
  private Heap() {}

  static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The most the heap may grow to (-Xmx), or its committed size when it has no maximum. */
  static long max() {
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
  }

  /** Starts each heap pool's peak again from its current use. */
  static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /**
   * The heap pools' peaks since {@link #resetPeaks}, summed: an upper bound of the heap's peak,
   * since the pools need not peak at once.
   */
  static long poolPeaks() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
