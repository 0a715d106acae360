package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeMemoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Trimmed from RabbitMQ 3.10's {@code rabbitmqctl status --formatter json}. */
  private static JsonNode status(long erlang, long binary, long queueProcs, int amqpPort)
      throws Exception {
    return JSON.readTree(
        """
        {"listeners": [
          {"interface": "127.0.0.1", "node": "rabbit@localhost", "port": 25672,
           "protocol": "clustering"},
          {"interface": "127.0.0.1", "node": "rabbit@localhost", "port": %d, "protocol": "amqp"}],
         "memory": {"binary": %d, "queue_procs": %d, "msg_index": 30384,
          "reserved_unallocated": 78209024, "strategy": "rss",
          "total": {"erlang": %d, "rss": 133656576, "allocated": 55447552}}}
        """
            .formatted(amqpPort, binary, queueProcs, erlang));
  }

  @Test
  void readsTheErlangTotalTheRssAndTheCategories() throws Exception {
    NodeMemory m = NodeMemory.of(status(72214512, 4108384, 24168, 5672));

    assertThat(m.erlang()).isEqualTo(72214512);
    assertThat(m.rss()).isEqualTo(133656576);
    assertThat(m.categories())
        .containsEntry("binary", 4108384L)
        .containsEntry("queue_procs", 24168L)
        .doesNotContainKeys("strategy", "total");
  }

  @ParameterizedTest(name = "AMQP on {0}, asked {1}: {2}")
  @CsvSource({"5672, 5672, true", "5673, 5672, false", "5672, 25672, false"})
  void knowsTheBrokerByItsAmqpPort(int listening, int asked, boolean listens) throws Exception {
    assertThat(NodeMemory.listensOn(status(1, 1, 1, listening), asked)).isEqualTo(listens);
  }

  @Test
  void theCategoriesThatGrewMostComeFirstLeavingOutUnallocatedMemory() throws Exception {
    NodeMemory before = NodeMemory.of(status(100, 1000, 500, 5672));
    NodeMemory after = NodeMemory.of(status(900, 1300, 900, 5672));

    assertThat(after.grewMost(before, 4))
        .containsExactly(Map.entry("queue_procs", 400L), Map.entry("binary", 300L));
    assertThat(after.grewMost(before, 1)).containsExactly(Map.entry("queue_procs", 400L));
  }

  @Test
  void aReportWithoutTotalsIsRefusedSayingWhichVersionHasThem() throws Exception {
    assertThatThrownBy(() -> NodeMemory.of(JSON.readTree("{\"memory\": {}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory.total.erlang");
  }
}
