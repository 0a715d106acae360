package io.phaseflow.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.inspect.WorkflowResult.Shape;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which entry holds a workflow's result, how it is keyed, and that a running one has none. */
class WorkflowResultTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JobRecord job(int index, String name, String handler, JobStatus status) {
    List<Integer> parents = name.equals("report") ? List.of(0) : List.of();
    return new JobRecord(
        new JobSpec(index, name, handler, 1, 3, JsonNodeFactory.instance.nullNode(), parents),
        status,
        1,
        status == JobStatus.SUCCEEDED ? JsonNodeFactory.instance.textNode(name + " out") : null,
        status == JobStatus.FAILED ? "boom" : null);
  }

  private static TransitionRecord line(String from, String to, int jobs) {
    JobCounts c = new JobCounts(jobs, jobs, 0, 0);
    return new TransitionRecord(
        from,
        to,
        from == null ? TransitionReason.STARTED : TransitionReason.SUCCEEDED,
        null,
        0,
        0,
        c,
        jobs == 0 ? Map.of() : Map.of("H", c));
  }

  private static WorkflowView view(
      WorkflowStatus status, int entry, int currentJobs, TransitionRecord... history) {
    String phase = history[history.length - 1].to();
    if (phase == null) {
      phase = history[history.length - 1].from();
    }
    WorkflowRecord wf =
        new WorkflowRecord(
            "w1", "d", 1, JsonNodeFactory.instance.objectNode(), phase, entry, status, false, 0, 0);
    EntryRecord current =
        new EntryRecord(
            entry, phase, 0, 1, null, new JobCounts(currentJobs, currentJobs, 0, 0), Map.of());
    return new WorkflowView(wf, current, List.of(history));
  }

  @Test
  void aFinalPhaseWithHandlersHoldsTheResultByHandler() throws Exception {
    WorkflowView search =
        view(
            WorkflowStatus.SUCCEEDED,
            4,
            2,
            line(null, "pending", 0),
            line("pending", "searching", 0),
            line("searching", "fetching", 1),
            line("fetching", "finished", 3),
            line("finished", null, 2));
    List<JobRecord> jobs =
        List.of(
            job(0, "Finisher", "Finisher", JobStatus.SUCCEEDED),
            job(1, "Finisher", "Finisher", JobStatus.FAILED));

    WorkflowResult r = WorkflowResult.of(search, jobs, Shape.BY_HANDLER);

    assertThat(r.entry()).isEqualTo(4);
    assertThat(r.phase()).isEqualTo("finished");
    assertThat(r.value())
        .isEqualTo(
            JSON.readTree("{\"Finisher\": [\"Finisher out\", {\"error\": \"boom\", \"job\": 1}]}"));
  }

  @Test
  void aFinalPhaseWithoutHandlersLeavesTheResultToTheLastPhaseThatRanJobs() {
    WorkflowView v =
        view(
            WorkflowStatus.SUCCEEDED,
            2,
            0,
            line(null, "work", 0),
            line("work", "done", 1),
            line("done", null, 0));

    assertThat(v.lastEntryWithJobs()).isEqualTo(1);
    WorkflowResult r =
        WorkflowResult.of(
            v, List.of(job(0, "Sleeper", "Sleeper", JobStatus.SUCCEEDED)), Shape.BY_HANDLER);
    assertThat(r.entry()).isEqualTo(1);
    assertThat(r.phase()).isEqualTo("work");
    assertThat(r.value().toString()).isEqualTo("{\"Sleeper\":[\"Sleeper out\"]}");
  }

  @Test
  void aTaskDagsResultIsKeyedByTaskInTaskOrder() {
    WorkflowView v =
        view(
            WorkflowStatus.FAILED,
            2,
            0,
            line(null, "run", 0),
            line("run", "failed", 3),
            line("failed", null, 0));
    List<JobRecord> tasks =
        List.of(
            job(0, "csv", "ImportCsv", JobStatus.SUCCEEDED),
            job(1, "xml", "ImportXml", JobStatus.FAILED),
            job(2, "report", "GenReport", JobStatus.SKIPPED));

    WorkflowResult r = WorkflowResult.of(v, tasks, Shape.BY_TASK);

    assertThat(r.phase()).isEqualTo("run");
    assertThat(r.value().toString())
        .isEqualTo(
            "{\"csv\":\"csv out\",\"xml\":{\"error\":\"boom\",\"job\":1},"
                + "\"report\":{\"skipped\":true,\"job\":2}}");
    assertThat(Shape.guess(tasks)).isEqualTo(Shape.BY_TASK);
    assertThat(Shape.guess(List.of(job(0, "Sleeper", "Sleeper", JobStatus.SUCCEEDED))))
        .isEqualTo(Shape.BY_HANDLER);
  }

  @Test
  void aRedriveOpensTheNextEntrySoEachClosingLineNamesItsEntry() {
    List<TransitionRecord> lines = new ArrayList<>();
    lines.add(line(null, "work", 0));
    lines.add(line("work", "check", 1)); // entry 1
    lines.add(line("check", "error", 1)); // entry 2
    lines.add(line("error", null, 0)); // entry 3
    lines.add(TransitionRecord.control(ControlAction.REDRIVE, "error", "check", "alice", null, 9));
    lines.add(line("check", "done", 1)); // entry 4
    lines.add(line("done", null, 0)); // entry 5
    WorkflowView v = view(WorkflowStatus.SUCCEEDED, 5, 0, lines.toArray(TransitionRecord[]::new));

    assertThat(Arrays.stream(v.closedEntries()).boxed().toList())
        .containsExactly(0, 1, 2, 3, 0, 4, 5);
    assertThat(v.lastEntryWithJobs()).isEqualTo(4);
    assertThat(v.phaseOf(4)).isEqualTo("check");
    assertThat(v.phaseOf(5)).isEqualTo("done");
  }

  @Test
  void aCanceledWorkflowsResultIsItsOpenEntryWithTheJobsThatNeverEnded() {
    List<TransitionRecord> lines = new ArrayList<>();
    lines.add(line(null, "work", 0));
    lines.add(TransitionRecord.control(ControlAction.CANCEL, "work", null, "bob", null, 5));
    WorkflowView v = view(WorkflowStatus.CANCELED, 1, 2, lines.toArray(TransitionRecord[]::new));

    WorkflowResult r =
        WorkflowResult.of(
            v,
            List.of(
                job(0, "Sleeper", "Sleeper", JobStatus.SUCCEEDED),
                job(1, "Sleeper", "Sleeper", JobStatus.READY)),
            Shape.BY_HANDLER);

    assertThat(r.entry()).isEqualTo(1);
    assertThat(r.value().toString())
        .isEqualTo("{\"Sleeper\":[\"Sleeper out\",{\"unfinished\":true,\"job\":1}]}");
  }

  @Test
  void aWorkflowWhoseEntriesRanNoJobsHasAnEmptyResult() {
    WorkflowView v =
        view(WorkflowStatus.SUCCEEDED, 1, 0, line(null, "only", 0), line("only", null, 0));

    WorkflowResult r = WorkflowResult.of(v, List.of(), Shape.BY_HANDLER);

    assertThat(r.entry()).isZero();
    assertThat(r.phase()).isNull();
    assertThat(r.value().toString()).isEqualTo("{}");
    assertThat(InspectJson.result(r).toString())
        .isEqualTo(
            "{\"id\":\"w1\",\"status\":\"succeeded\",\"phase\":null,\"entry\":null,\"result\":{}}");
  }

  @Test
  void aRunningWorkflowHasNoResultYet() {
    WorkflowView v = view(WorkflowStatus.RUNNING, 2, 1, line(null, "a", 0), line("a", "b", 1));

    assertThatThrownBy(() -> WorkflowResult.of(v, List.of(), Shape.BY_HANDLER))
        .isInstanceOf(StateConflict.class)
        .hasMessage(
            "workflow w1 is still running in phase 'b' (entry 2): it has a result only once it"
                + " has ended (succeeded, failed or canceled); ask again when it has ended");
  }

  @Test
  void aPausedWorkflowHasNoResultYetAndIsToldToResume() {
    WorkflowView v = view(WorkflowStatus.PAUSED, 1, 1, line(null, "a", 0));

    assertThatThrownBy(() -> WorkflowResult.of(v, List.of(), Shape.BY_HANDLER))
        .isInstanceOf(StateConflict.class)
        .hasMessageContaining("workflow w1 is paused in phase 'a' (entry 1)")
        .hasMessageEndingWith("resume it, then ask again when it has ended");
  }
}
