package io.phaseflow.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queue depths of a namespaced RabbitMQ bus, as the bus and the metrics report them. */
class RabbitQueueDepthIT {
  private RabbitBus rabbit;
  private NamespacedBus bus;
  private String namespace;

  @BeforeEach
  void connect() {
    namespace = "pftest." + UUID.randomUUID().toString().substring(0, 8);
    rabbit =
        RabbitBus.connect(
            AmqpSettings.parse(TestServers.amqpUrl()).withConnectionName("phaseflow-test"));
    bus = new NamespacedBus(rabbit, namespace);
  }

  @AfterEach
  void cleanUp() {
    rabbit.deleteNamespace(namespace, List.of("waiting", "never-used"));
    bus.close();
  }

  @Test
  void depthIsTheNumberOfMessagesWaitingInTheNamespacedQueue() {
    for (int i = 0; i < 5; i++) {
      bus.publish("waiting", ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }

    assertThat(bus.depth("waiting")).hasValue(5);
    assertThat(rabbit.depth(namespace + ".waiting")).hasValue(5);
    assertThat(rabbit.depth("waiting")).as("outside the namespace").isEmpty();
    assertThat(bus.depth("never-used")).isEmpty();
  }

  @Test
  void theMetricsReportTheDepthOfEveryQueueThatExists() {
    for (int i = 0; i < 3; i++) {
      bus.publish("waiting", "{}".getBytes(StandardCharsets.UTF_8));
    }
    PrometheusEngineMetrics metrics =
        new PrometheusEngineMetrics(bus, () -> List.of("waiting", "never-used"));

    Scrape s = Scrape.parse(metrics.scrape());

    assertThat(s.value("phaseflow_queue_depth", "queue", "waiting")).isEqualTo(3);
    assertThat(s.find("phaseflow_queue_depth", "queue", "never-used")).isEmpty();
    assertThat(bus.depth("never-used")).as("asking did not create it").isEmpty();
    bus.publish("waiting", "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(bus.depth("waiting")).as("the connection survived the missing queue").hasValue(4);
  }
}
