package io.phaseflow.engine.transport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Decides when the input messages of one consumer channel may be acknowledged: only once the broker
 * confirmed every message published while handling it, so that an input is never gone while its
 * follow-ups could still be lost. Pure bookkeeping; the caller sends the acks and nacks it returns.
 *
 * <p>A delivery's publishes are the sequence numbers {@code [firstSeq, nextSeq)} of its channel:
 * one channel handles one delivery at a time, so nothing else publishes there meanwhile. When the
 * channel is lost, {@link #reset()} forgets everything: the broker requeues the unacknowledged
 * inputs itself, and a recovered channel numbers its publishes from 1 again.
 *
 * <p>Thread-safe: confirms arrive on the connection's I/O thread, completions on consumer threads.
 */
final class ConfirmTracker {
  /** What to do with a delivery whose handler has returned. */
  enum Outcome {
    ACK,
    NACK,
    DEFERRED,
    /** The delivery belongs to a channel that was lost: the broker redelivers it. */
    STALE
  }

  /**
   * Delivery tags to acknowledge and to reject (requeue). {@code ackUpTo} is the highest of {@code
   * acks} when one {@code basic.ack multiple=true} may replace them all (nothing rejected and no
   * delivery below it still waiting), else 0.
   */
  record Settled(List<Long> acks, List<Long> nacks, long ackUpTo) {
    static final Settled NONE = new Settled(List.of(), List.of(), 0);

    boolean isEmpty() {
      return acks.isEmpty() && nacks.isEmpty();
    }
  }

  private record Pending(long tag, long firstSeq, long nextSeq) {}

  private final TreeSet<Long> unconfirmed = new TreeSet<>();
  private final TreeSet<Long> refused = new TreeSet<>();
  private final Deque<Pending> pending = new ArrayDeque<>();
  private long epoch;

  /** Changes with every {@link #reset()}; a delivery remembers the epoch it started in. */
  synchronized long epoch() {
    return epoch;
  }

  /** Call before the publish goes out, so that its confirm cannot arrive first. */
  synchronized void published(long seq) {
    unconfirmed.add(seq);
  }

  /** The publish of {@code seq} failed to go out: no confirm will come. */
  synchronized void abandoned(long seq) {
    unconfirmed.remove(seq);
  }

  /** The handler of {@code tag} returned; it published {@code [firstSeq, nextSeq)}. */
  synchronized Outcome completed(long epoch, long tag, long firstSeq, long nextSeq) {
    if (epoch != this.epoch) {
      return Outcome.STALE;
    }
    if (inRange(refused, firstSeq, nextSeq)) {
      refused.subSet(firstSeq, nextSeq).clear();
      return Outcome.NACK;
    }
    if (!inRange(unconfirmed, firstSeq, nextSeq)) {
      return Outcome.ACK;
    }
    pending.add(new Pending(tag, firstSeq, nextSeq));
    return Outcome.DEFERRED;
  }

  /** The broker confirmed {@code seq} (and every lower one when {@code multiple}). */
  synchronized Settled confirmed(long seq, boolean multiple) {
    if (multiple) {
      unconfirmed.headSet(seq, true).clear();
    } else {
      unconfirmed.remove(seq);
    }
    return settle();
  }

  /** The broker refused {@code seq} (and every lower one when {@code multiple}). */
  synchronized Settled refused(long seq, boolean multiple) {
    if (multiple) {
      var range = unconfirmed.headSet(seq, true);
      refused.addAll(range);
      range.clear();
    } else if (unconfirmed.remove(seq)) {
      refused.add(seq);
    }
    return settle();
  }

  /** Forgets the lost channel's state; returns how many deferred deliveries were dropped. */
  synchronized int reset() {
    epoch++;
    int dropped = pending.size();
    pending.clear();
    unconfirmed.clear();
    refused.clear();
    return dropped;
  }

  /** Deliveries waiting for confirms. */
  synchronized int deferred() {
    return pending.size();
  }

  private Settled settle() {
    if (pending.isEmpty()) {
      return Settled.NONE;
    }
    List<Long> acks = new ArrayList<>();
    List<Long> nacks = new ArrayList<>();
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (inRange(refused, p.firstSeq, p.nextSeq)) {
        refused.subSet(p.firstSeq, p.nextSeq).clear();
        unconfirmed.subSet(p.firstSeq, p.nextSeq).clear();
        nacks.add(p.tag);
        it.remove();
      } else if (!inRange(unconfirmed, p.firstSeq, p.nextSeq)) {
        acks.add(p.tag);
        it.remove();
      }
    }
    if (acks.isEmpty() && nacks.isEmpty()) {
      return Settled.NONE;
    }
    long highest = acks.isEmpty() ? 0 : acks.get(acks.size() - 1);
    boolean contiguous =
        nacks.isEmpty() && (pending.isEmpty() || pending.peekFirst().tag() > highest);
    return new Settled(acks, nacks, contiguous && acks.size() > 1 ? highest : 0);
  }

  private static boolean inRange(TreeSet<Long> seqs, long from, long to) {
    Long first = seqs.ceiling(from);
    return first != null && first < to;
  }
}
