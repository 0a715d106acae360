package io.phaseflow.cli.print;

import io.phaseflow.engine.deployed.HandlerQueue;
import java.util.List;

/** What {@code status} says of a handler queue nothing consumes. Pure. */
public final class HandlerQueuePrinter {
  private HandlerQueuePrinter() {}

  /** One line per queue that has no consumer, saying since when; "" when all are served. */
  public static String unserved(List<HandlerQueue> queues, long now) {
    StringBuilder out = new StringBuilder();
    for (HandlerQueue q : queues) {
      if (!q.unserved()) {
        continue;
      }
      long ready = q.ready().orElse(0);
      out.append("waiting: no consumer on ")
          .append(q.queue())
          .append(" (")
          .append(q.label())
          .append(ready > 0 ? ", " + ready + " job" + (ready == 1 ? "" : "s") + " ready" : "")
          .append("); ")
          .append(
              q.lastSeen() > 0
                  ? "last served " + TimeFormat.duration(now - q.lastSeen()) + " ago"
                  : "no handlers process has served it in this namespace")
          .append("; start one: phaseflow handlers --queue ")
          .append(q.name())
          .append(':')
          .append(q.version())
          .append('\n');
    }
    return out.toString();
  }
}
