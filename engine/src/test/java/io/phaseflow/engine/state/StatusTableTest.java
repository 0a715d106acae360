package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Status tables refuse bad declarations when built and bad moves when used. */
class StatusTableTest {
  enum S {
    A,
    B,
    C
  }

  @Test
  void aDuplicateMoveIsRefusedWhenTheTableIsBuilt() {
    assertThatThrownBy(() -> StatusTable.builder(S.class).allow(S.A, S.B).allow(S.A, S.B))
        .hasMessageContaining("A -> B is declared twice");
  }

  @Test
  void aMoveOutOfATerminalStateIsRefusedWhenTheTableIsBuilt() {
    assertThatThrownBy(() -> StatusTable.builder(S.class).terminal(S.C).allow(S.C, S.A))
        .hasMessageContaining("leaves a terminal state");
    assertThatThrownBy(() -> StatusTable.builder(S.class).allow(S.C, S.A).terminal(S.C))
        .hasMessageContaining("terminal state C has moves out of it");
  }

  @Test
  void anUndeclaredMoveIsRefusedWithBothStatesNamed() {
    StatusTable<S> table = StatusTable.builder(S.class).allow(S.A, S.B).terminal(S.C).build();

    assertThat(table.allows(S.A, S.B)).isTrue();
    assertThatThrownBy(() -> table.check(S.B, S.A, "job 3"))
        .hasMessageContaining("job 3 cannot move from B to A");
  }

  @Test
  void theJobAndWorkflowTablesAreConsistent() {
    assertThat(JobStatus.SUCCEEDED.isTerminal()).isTrue();
    assertThat(JobStatus.READY.isTerminal()).isFalse();
    assertThat(WorkflowStatus.TABLE.allows(WorkflowStatus.RUNNING, WorkflowStatus.FAILED)).isTrue();
    assertThat(WorkflowStatus.TABLE.allows(WorkflowStatus.FAILED, WorkflowStatus.RUNNING))
        .as("a redrive")
        .isTrue();
    assertThat(WorkflowStatus.TABLE.allows(WorkflowStatus.CANCELED, WorkflowStatus.RUNNING))
        .isFalse();
  }
}
