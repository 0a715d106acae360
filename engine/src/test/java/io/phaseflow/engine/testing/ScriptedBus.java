package io.phaseflow.engine.testing;

import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A single-threaded bus whose deliveries a test drives: each {@link #deliverOne} picks a random
 * waiting message, and may deliver it again later (as a broker does after a lost ack). Same seed,
 * same run. Not thread-safe.
 */
public final class ScriptedBus implements MessageBus {
  private record Pending(String queue, byte[] body) {}

  private final List<Pending> pending = new ArrayList<>();
  private final Map<String, Consumer> consumers = new HashMap<>();
  private final Random random;
  private final double duplicateRate;
  private int delivered;
  private int duplicated;

  public ScriptedBus(long seed, double duplicateRate) {
    this.random = new Random(seed);
    this.duplicateRate = duplicateRate;
  }

  @Override
  public void publish(String queue, byte[] body) {
    pending.add(new Pending(queue, body));
  }

  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    consumers.put(queue, consumer);
    return () -> consumers.remove(queue);
  }

  /** Delivers one random waiting message; false when none is waiting. */
  public boolean deliverOne() throws Exception {
    if (pending.isEmpty()) {
      return false;
    }
    Pending p = pending.remove(random.nextInt(pending.size()));
    if (random.nextDouble() < duplicateRate) {
      pending.add(p);
      duplicated++;
    }
    Consumer c = consumers.get(p.queue());
    if (c == null) {
      throw new IllegalStateException("no consumer on " + p.queue());
    }
    try {
      c.accept(p.body());
    } catch (Messages.MalformedMessageException e) {
      throw e;
    }
    delivered++;
    return true;
  }

  /** Delivers until nothing is waiting, at most {@code limit} messages. */
  public int drain(int limit) throws Exception {
    int n = 0;
    while (n < limit && deliverOne()) {
      n++;
    }
    if (n == limit) {
      throw new IllegalStateException("still " + pending.size() + " messages after " + limit);
    }
    return n;
  }

  public int duplicated() {
    return duplicated;
  }

  public int delivered() {
    return delivered;
  }

  @Override
  public void close() {}
}
