package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.protocol.Messages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrokerMemoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} {1}, policy {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # type  | list_queues arguments                | policy                 | described
          classic | []                                   |                        | , version 1 (the broker's default on RabbitMQ 3.10: classic_queue.default_version), mode default (not lazy); arguments []
          classic | []                                   | {"queue-version":2}    | , version 2 (policy), mode default (not lazy); arguments []
          classic | []                                   | {"queue-mode":"lazy"}  | , version 1 (the broker's default on RabbitMQ 3.10: classic_queue.default_version), mode lazy (policy); arguments []
          classic | [["x-queue-version",2]]              | {"queue-version":1}    | , version 2 (x-queue-version), mode default (not lazy); arguments [["x-queue-version",2]]
          classic | {"x-queue-mode":"lazy"}              |                        | , version 1 (the broker's default on RabbitMQ 3.10: classic_queue.default_version), mode lazy (x-queue-mode); arguments {"x-queue-mode":"lazy"}
          classic | [["x-queue-mode","longstr","lazy"]]  |                        | , version 1 (the broker's default on RabbitMQ 3.10: classic_queue.default_version), mode lazy (x-queue-mode); arguments [["x-queue-mode","longstr","lazy"]]
          quorum  | [["x-queue-type","quorum"]]          |                        | ''
          """)
  void saysWhichVersionAndModeTheQueueHadAndWhatSetThem(
      String type, String arguments, String policy, String described) throws Exception {
    var queue = JSON.createObjectNode().put("type", type);
    queue.set("arguments", JSON.readTree(arguments));

    assertThat(BrokerMemory.describe(queue, policy)).isEqualTo(described);
  }

  @ParameterizedTest(name = "job {1} of {0}")
  @CsvSource({"mhx3k2q1-4f9zab, 0", "mhx3k2q1-4f9zab, 9"})
  void aMeasuredJobIsAW1FirstPhaseJobAsTheEngineEncodesIt(String workflow, int item) {
    Job job = Messages.decode(BrokerMemory.w1Job(workflow, item), Job.class);

    assertThat(job.workflowId()).isEqualTo(workflow);
    assertThat(job.phase()).isEqualTo("a");
    assertThat(job.entry()).isEqualTo(1);
    assertThat(job.job()).isEqualTo(item);
    assertThat(job.handler()).isEqualTo("Noop");
    assertThat(job.payload().asInt()).isEqualTo(item);
    assertThat(job.data().path("items")).hasSize(10);
    assertThat(BrokerMemory.w1Job(workflow, item)).hasSize(177);
  }
}
