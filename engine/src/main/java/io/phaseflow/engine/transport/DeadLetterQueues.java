package io.phaseflow.engine.transport;

import io.phaseflow.engine.dead.DeadLetters;
import io.phaseflow.handlers.protocol.MessageBus;

/** Finds the dead letters of a bus's namespace. */
public final class DeadLetterQueues {
  private DeadLetterQueues() {}

  /**
   * Has {@code counter} told of every message {@code bus}'s consumers dead-letter in this process
   * (for the {@code phaseflow_dead_letters_total} metric); nothing for a bus that keeps none.
   */
  public static void count(MessageBus bus, DeadLetterCounter counter) {
    if (bus instanceof NamespacedBus namespaced) {
      namespaced.countDeadLetters(counter);
    } else if (bus instanceof RabbitBus rabbit) {
      rabbit.countDeadLetters(counter);
    } else if (bus instanceof InMemoryBus memory) {
      memory.countDeadLetters(counter);
    }
  }

  /**
   * The dead letters of {@code bus}'s namespace: its dead-letter queue on RabbitMQ, the kept list
   * of the in-memory bus.
   *
   * @throws IllegalArgumentException for a bus that keeps no dead letters
   */
  public static DeadLetters of(MessageBus bus) {
    if (bus instanceof NamespacedBus namespaced) {
      return namespaced.deadLetters();
    }
    if (bus instanceof RabbitBus rabbit) {
      return rabbit.deadLetters(RabbitBus.DEAD_LETTER_QUEUE);
    }
    if (bus instanceof InMemoryBus memory) {
      return memory.deadLetterQueue("");
    }
    throw new IllegalArgumentException("no dead letters on a " + bus.getClass().getSimpleName());
  }
}
