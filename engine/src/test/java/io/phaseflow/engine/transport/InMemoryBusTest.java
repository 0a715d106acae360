package io.phaseflow.engine.transport;

import io.phaseflow.handlers.protocol.MessageBus;
import java.util.List;

class InMemoryBusTest extends MessageBusContract {
  @Override
  protected MessageBus newBus() {
    return new InMemoryBus();
  }

  @Override
  protected long depth(String queue) {
    return bus.depth(queue).orElse(0);
  }

  @Override
  protected List<String> deadLetterReasons(String queue) {
    return ((InMemoryBus) bus)
        .deadLetters().stream()
            .filter(d -> d.queue().equals(queue))
            .map(InMemoryBus.DeadLetter::reason)
            .toList();
  }
}
