package io.phaseflow.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.inspect.WorkflowView.PhaseState;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowViewTest {
  private static final JobCounts TWO_OK = new JobCounts(2, 2, 0, 0);
  private static final JobCounts ONE_FAILED = new JobCounts(3, 1, 1, 1);

  private static TransitionRecord line(
      String from, String to, TransitionReason reason, long entered, long at, JobCounts jobs) {
    return new TransitionRecord(
        from,
        to,
        reason,
        null,
        entered,
        at,
        jobs,
        jobs.total() == 0 ? Map.of() : Map.of("H", jobs));
  }

  private static WorkflowRecord wf(String phase, int entry, WorkflowStatus status) {
    return new WorkflowRecord(
        "w1",
        "search",
        1,
        JsonNodeFactory.instance.objectNode(),
        phase,
        entry,
        status,
        false,
        0,
        0);
  }

  /** search (2 ok) → retry (1 failed) → search again, now running with 1 of 4 done. */
  private static WorkflowView loopingRun() {
    EntryRecord current =
        new EntryRecord(3, "search", 500, 0, null, new JobCounts(4, 1, 0, 0), Map.of());
    return new WorkflowView(
        wf("search", 3, WorkflowStatus.RUNNING),
        current,
        List.of(
            line(null, "search", TransitionReason.STARTED, 0, 0, JobCounts.NONE),
            line("search", "retry", TransitionReason.SUCCEEDED, 0, 100, TWO_OK),
            line("retry", "search", TransitionReason.FAILED, 100, 500, ONE_FAILED)));
  }

  @Test
  void phasesSayHowTheirLastEntryStoodAndAddUpTimeOverVisits() {
    Map<String, WorkflowView.PhaseProgress> phases = loopingRun().phases(800);

    assertThat(phases.keySet()).containsExactly("search", "retry");
    WorkflowView.PhaseProgress search = phases.get("search");
    assertThat(search.state()).isEqualTo(PhaseState.ACTIVE);
    assertThat(search.visits()).isEqualTo(2);
    assertThat(search.jobs()).isEqualTo(new JobCounts(4, 1, 0, 0));
    assertThat(search.millis()).as("100 ms first, 300 ms so far now").isEqualTo(400);
    WorkflowView.PhaseProgress retry = phases.get("retry");
    assertThat(retry.state()).isEqualTo(PhaseState.FAILED);
    assertThat(retry.jobs()).isEqualTo(ONE_FAILED);
    assertThat(retry.byHandler()).containsEntry("H", ONE_FAILED);
    assertThat(retry.millis()).isEqualTo(400);
  }

  @Test
  void aFinishedRunHasNoActivePhase() {
    WorkflowView done =
        new WorkflowView(
            wf("report", 2, WorkflowStatus.SUCCEEDED),
            new EntryRecord(2, "report", 100, 300, null, TWO_OK, Map.of("H", TWO_OK)),
            List.of(
                line(null, "search", TransitionReason.STARTED, 0, 0, JobCounts.NONE),
                line("search", "report", TransitionReason.SUCCEEDED, 0, 100, TWO_OK),
                line("report", null, TransitionReason.SUCCEEDED, 100, 300, TWO_OK)));

    assertThat(done.currentPhase()).isNull();
    assertThat(done.phases(10_000).values())
        .extracting(WorkflowView.PhaseProgress::state)
        .containsExactly(PhaseState.SUCCEEDED, PhaseState.SUCCEEDED);
    assertThat(done.phases(10_000).get("report").millis()).isEqualTo(200);
  }

  @Test
  void jsonCarriesTheSameFactsAsTheView() {
    JsonNode json = InspectJson.workflow(loopingRun(), 800);

    assertThat(json.get("status").asText()).isEqualTo("running");
    assertThat(json.get("phase").asText()).isEqualTo("search");
    assertThat(json.at("/progress/total").asInt()).isEqualTo(4);
    assertThat(json.at("/progress/open").asInt()).isEqualTo(3);
    assertThat(json.at("/phases/retry/state").asText()).isEqualTo("failed");
    assertThat(json.at("/phases/retry/handlers/H/skipped").asInt()).isEqualTo(1);
    assertThat(json.at("/phases/search/millis").asLong()).isEqualTo(400);
    assertThat(json.get("history")).hasSize(3);
    assertThat(json.at("/history/2/reason").asText()).isEqualTo("failed");
    assertThat(json.at("/history/2/durationMillis").asLong()).isEqualTo(400);
    assertThat(json.at("/current/closedAt").isNull()).isTrue();
  }
}
