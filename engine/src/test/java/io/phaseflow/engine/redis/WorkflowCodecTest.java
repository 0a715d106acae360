package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowCodecTest {
  private final WorkflowCodec codec = new WorkflowCodec(new ObjectMapper());
  private final WorkflowRecord created =
      WorkflowRecord.created("w1", "def", 1, JsonNodeFactory.instance.objectNode(), 1_000L);

  @Test
  void aWorkflowNotYetUpdatedStoresNoUpdateTimeAndReadsItsCreationTime() {
    Map<String, String> hash = hash(codec.encode(created));

    assertThat(hash).doesNotContainKey(RedisLayout.WF_UPDATED);
    assertThat(codec.decode("w1", hash)).isEqualTo(created);
  }

  @Test
  void anUpdatedWorkflowKeepsItsUpdateTime() {
    WorkflowRecord moved = created.moved("b", 2, WorkflowStatus.RUNNING, false, 2_000L);
    Map<String, String> hash = hash(codec.encode(moved));

    assertThat(hash).containsEntry(RedisLayout.WF_UPDATED, "2000");
    assertThat(codec.decode("w1", hash)).isEqualTo(moved);
  }

  @Test
  void aHashWrittenWithTheUpdateTimeEqualToTheCreationTimeStillReads() {
    Map<String, String> hash = hash(codec.encode(created));
    hash.put(RedisLayout.WF_UPDATED, "1000"); // as every version before this one wrote it

    assertThat(codec.decode("w1", hash)).isEqualTo(created);
  }

  private static Map<String, String> hash(List<String> fields) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < fields.size(); i += 2) {
      h.put(fields.get(i), fields.get(i + 1));
    }
    return h;
  }
}
