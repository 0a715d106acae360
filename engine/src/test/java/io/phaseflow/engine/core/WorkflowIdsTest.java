package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.RejectedInput;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WorkflowIdsTest {
  private static final Pattern KEYED = Pattern.compile("k-[a-z2-7]{20}");

  @Test
  void aKeyAlwaysNamesTheSameIdAndOnlyItsOwn() {
    String id = WorkflowIds.forKey("order-1234");

    assertThat(id).matches(KEYED);
    assertThat(WorkflowIds.forKey("order-1234")).isEqualTo(id);
    // Fixed by the derivation: a change would orphan every running keyed workflow.
    assertThat(id).isEqualTo("k-ogmdckpfbch4xozl4wro");
    assertThat(WorkflowIds.forKey("order-1235")).isNotEqualTo(id);
    assertThat(WorkflowIds.forKey("Order-1234")).isNotEqualTo(id);
    assertThat(WorkflowIds.forKey(" order-1234")).isNotEqualTo(id);
  }

  @Test
  void theIdIsTheFirst100BitsOfTheKeysSha256InBase32() {
    // SHA-256("abc") = ba7816bf 8f01cfea ...; RFC 4648 base-32, lower case
    assertThat(WorkflowIds.forKey("abc")).isEqualTo("k-xj4bnp4pahh6uqkbidpf");
  }

  @Test
  void manyKeysMakeManyIdsThatTheEngineAccepts() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = WorkflowIds.forKey("key-" + i);
      assertThat(id).matches(KEYED).hasSizeLessThanOrEqualTo(64);
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
    assertThat(WorkflowIds.forKey("é".repeat(200))).matches(KEYED);
  }

  @Test
  void aFreshIdNeverLooksKeyed() {
    WorkflowIds ids =
        new WorkflowIds(Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC));
    assertThat(ids.next()).doesNotStartWith(WorkflowIds.KEYED_PREFIX).matches("[0-9a-z]{8}-.{6}");
  }

  @Test
  void anEmptyOrLongKeyIsRefusedSayingWhy() {
    assertThatThrownBy(() -> WorkflowIds.forKey(""))
        .isInstanceOf(RejectedInput.class)
        .hasMessageContaining("the idempotency key is empty; give 1 to 200 characters");
    assertThatThrownBy(() -> WorkflowIds.forKey("   "))
        .isInstanceOf(RejectedInput.class)
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> WorkflowIds.forKey("x".repeat(201)))
        .isInstanceOf(RejectedInput.class)
        .hasMessage(
            "the idempotency key is 201 characters, over the limit of 200; use a shorter one,"
                + " e.g. a hash of the operation");
  }
}
