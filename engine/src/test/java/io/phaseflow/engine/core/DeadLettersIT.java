package io.phaseflow.engine.core;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.dead.DeadLetters;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.DeadLetterQueues;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.Queues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On real RabbitMQ and Redis: a start naming a definition version no engine has is dead-lettered
 * with its reason, listed and shown, then requeued once the version is loaded and processed; a
 * message that is garbage is dropped. The queue holds exactly what the listing says.
 */
class DeadLettersIT {
  private static final String START =
      "{\"id\":\"late-1\",\"definition\":\"late\",\"version\":1,\"data\":{},\"createdAt\":1}";

  @Test
  void aDeadLetterIsListedRequeuedOnceItsCauseIsFixedAndAnotherDropped() throws Exception {
    String namespace = RedisCleanup.uniquePrefix("pfdead");
    AmqpSettings settings =
        AmqpSettings.parse(TestServers.amqpUrl()).withConnectionName("pfdead-engine");
    RedisConnector redis = new RedisConnector(TestServers.redisSettings());
    StateStore store = RedisStateStore.connect(redis, namespace, Duration.ofMinutes(10));
    RabbitBus rabbit = RabbitBus.connect(settings);
    NamespacedBus bus = new NamespacedBus(rabbit, namespace);
    try (Engine engine = Engine.builder().store(store).bus(bus).concurrency(2).build()) {
      List<String> counted = new java.util.concurrent.CopyOnWriteArrayList<>();
      DeadLetterQueues.count(bus, (queue, reasonClass) -> counted.add(queue + " " + reasonClass));
      engine.start();
      DeadLetters dead = DeadLetterQueues.of(bus);
      assertThat(dead.list(10).letters()).isEmpty();

      bus.publish(Queues.WORKFLOW_START, START.getBytes(StandardCharsets.UTF_8));
      bus.publish(Queues.WORKFLOW_START, "42".getBytes(StandardCharsets.UTF_8));
      HostileMessages.await("both dead-lettered", () -> dead.list(10).total() == 2);

      assertThat(counted)
          .containsExactly(
              Queues.WORKFLOW_START + " unprocessable", Queues.WORKFLOW_START + " unprocessable");
      List<DeadLetters.Letter> letters = dead.list(10).letters();
      assertThat(letters).hasSize(2);
      DeadLetters.Letter late =
          letters.get(0).reason().contains("late") ? letters.get(0) : letters.get(1);
      DeadLetters.Letter garbage = late == letters.get(0) ? letters.get(1) : letters.get(0);
      assertThat(late.reason()).contains("definition 'late' has no version 1");
      assertThat(late.queue()).isEqualTo(bus.name(Queues.WORKFLOW_START));
      assertThat(late.at()).isPositive();
      assertThat(late.preview()).isEqualTo(START);
      assertThat(garbage.reason()).contains("expected a WorkflowStart");
      assertThat(dead.show(late.id()).orElseThrow().reason()).isEqualTo(late.reason());
      // Reading does not take: the listing is the same again.
      assertThat(dead.list(10).letters())
          .extracting(DeadLetters.Letter::id)
          .containsExactlyInAnyOrder(late.id(), garbage.id());

      engine
          .plans()
          .add(
              CompiledDefinition.compile(
                  workflow("late").initial("a", "done", null).end("done").build()));
      assertThat(dead.requeue(late.id()).id()).isEqualTo(late.id());
      HostileMessages.await(
          "the requeued start ran",
          () ->
              store
                  .workflow("late-1")
                  .map(w -> w.status() == WorkflowStatus.SUCCEEDED)
                  .orElse(false));

      assertThat(dead.drop(garbage.id()).id()).isEqualTo(garbage.id());
      assertThat(dead.list(10).total()).isZero();
      assertThatThrownBy(() -> dead.drop(garbage.id()))
          .isInstanceOf(NotFound.class)
          .hasMessageContaining("no dead letter '" + garbage.id() + "'");
    } finally {
      rabbit.deleteNamespace(namespace, List.of());
      rabbit.close();
      store.close();
      RedisCleanup.deletePrefix(redis, namespace);
      redis.close();
    }
  }
}
