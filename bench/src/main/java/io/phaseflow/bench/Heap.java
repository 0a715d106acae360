package io.phaseflow.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

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

  /**
   * Watches every collection from now until closed: {@link AfterGc#peak} is the most heap in use
   * right after one, what the run kept alive rather than garbage not yet collected.
   */
  static AfterGc afterGc() {
    return new AfterGc();
  }

  /** The heap in use after each collection, the largest kept. */
  static final class AfterGc implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final NotificationListener listener =
        (n, handback) -> {
          if (!n.getType()
              .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
          }
          var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
          long used = 0;
          for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
              MemoryUsage u = e.getValue();
              used += u.getUsed();
            }
          }
          peak.accumulateAndGet(used, Math::max);
        };

    private AfterGc() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener(listener, null, null);
          emitters.add(emitter);
        }
      }
    }

    /** The most heap in use after a collection so far; 0 when none ran. */
    long peak() {
      return peak.get();
    }

    @Override
    public void close() {
      for (NotificationEmitter e : emitters) {
        try {
          e.removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException ignored) {
          // already gone
        }
      }
    }
  }
}
