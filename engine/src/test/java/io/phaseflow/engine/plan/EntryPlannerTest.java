package io.phaseflow.engine.plan;

import static io.phaseflow.engine.testing.DefinitionBuilder.forEach;
import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.PhaseContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which jobs a phase entry holds: pure, no server. */
class EntryPlannerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A handler that makes one job per word of data.text. */
  private static final Handler WORDS =
      new Handler() {
        @Override
        public String name() {
          return "Words";
        }

        @Override
        public List<JsonNode> jobs(PhaseContext context) {
          return java.util.Arrays.stream(context.data().path("text").asText().split(" "))
              .map(w -> (JsonNode) JsonNodeFactory.instance.textNode(w))
              .toList();
        }

        @Override
        public JobResult process(Job job) {
          return JobResult.success(job.payload());
        }
      };

  private final Plan plan =
      CompiledDefinition.compile(
          workflow("plan")
              .initial("split", "each", null, "Words", "Unknown")
              .phase("each", "done", null, forEach("Count", "/inputs/Words/*/parts"))
              .end("done")
              .build());
  private final EntryPlanner planner = new EntryPlanner(HandlerRegistry.of(List.of(WORDS)));

  @Test
  void aLocalHandlerEnumeratesItsJobsAndAnUnknownOneGetsOne() throws Exception {
    List<JobSpec> jobs =
        planner.plan(
            plan, "split", "wf", JSON.readTree("{\"text\": \"a b c\"}"), JSON.createObjectNode());

    assertThat(jobs)
        .extracting(JobSpec::handler)
        .containsExactly("Words", "Words", "Words", "Unknown");
    assertThat(jobs)
        .extracting(j -> j.payload().isNull() ? "(none)" : j.payload().asText())
        .containsExactly("a", "b", "c", "(none)");
    assertThat(jobs).extracting(JobSpec::index).containsExactly(0, 1, 2, 3);
  }

  @Test
  void aHandlerThatEnumeratesWhereItIsDeployedButIsNotHereFailsTheEntryNamingIt() throws Exception {
    EntryPlanner lacking =
        new EntryPlanner(
            HandlerRegistry.of(List.of(WORDS)),
            (name, version) -> name.equals("Unknown") && version == 1);

    assertThatThrownBy(
            () ->
                lacking.plan(
                    plan,
                    "split",
                    "wf",
                    JSON.readTree("{\"text\": \"a\"}"),
                    JSON.createObjectNode()))
        .hasMessage(
            "workflow 'plan', phase 'split', handler Unknown v1 enumerates its own jobs (its jobs()"
                + " method), but this engine does not have its code, so it cannot ask it which jobs"
                + " to run; start the engines with --jar and the jar that holds Unknown");
  }

  @Test
  void forEachMakesOneJobPerElementFlatteningStars() throws Exception {
    JsonNode inputs = JSON.readTree("{\"Words\": [{\"parts\": [1, 2]}, {\"parts\": [3]}]}");

    List<JobSpec> jobs = planner.plan(plan, "each", "wf", JSON.createObjectNode(), inputs);

    assertThat(jobs).extracting(j -> j.payload().asInt()).containsExactly(1, 2, 3);
  }

  @Test
  void aPhaseOf100000JobsIsPlannedAndOneOverTheLimitFailsNamingIt() throws Exception {
    StringBuilder text = new StringBuilder("w");
    for (int i = 1; i < 100_000; i++) {
      text.append(" w");
    }
    JsonNode data = JSON.createObjectNode().put("text", text.toString());
    assertThat(planner.plan(plan, "split", "wf", data, JSON.createObjectNode()))
        .hasSize(100_001); // Words' 100,000 and Unknown's one

    for (int i = 100_000; i < TaskFanout.MAX_JOBS_PER_ENTRY; i++) {
      text.append(" w");
    }
    JsonNode over = JSON.createObjectNode().put("text", text.toString());
    assertThatThrownBy(() -> planner.plan(plan, "split", "wf", over, JSON.createObjectNode()))
        .hasMessage(
            "workflow 'plan', phase 'split': its handlers plan 200,001 jobs, over the limit of"
                + " 200,000 jobs per entry; have each job take a batch of elements, or split the"
                + " phase");
  }

  @Test
  void aForEachThatSelectsNoArrayNamesTheWorkflowPhaseHandlerAndPointer() throws Exception {
    JsonNode inputs = JSON.readTree("{\"Words\": [{\"parts\": \"not a list\"}]}");

    assertThatThrownBy(() -> planner.plan(plan, "each", "wf", JSON.createObjectNode(), inputs))
        .hasMessageContaining("workflow 'plan', phase 'each', handler Count")
        .hasMessageContaining("for_each '/inputs/Words/*/parts'");
  }

  @Test
  void aTaskGraphPlansEveryTaskWithParentIndexes() {
    Plan dag =
        CompiledDefinition.compile(
            workflow("dag").task("a", "A").task("b", "B", "a").task("c", "A", "a", "b").build());

    List<JobSpec> jobs =
        planner.plan(dag, Compiler.RUN, "wf", JSON.createObjectNode(), JSON.createObjectNode());

    assertThat(jobs).extracting(JobSpec::name).containsExactly("a", "b", "c");
    assertThat(jobs)
        .extracting(JobSpec::parents)
        .containsExactly(List.of(), List.of(0), List.of(0, 1));
  }

  @Test
  void aForEachOverAnEarlierPhaseReadsItsLatestOutputsOrSaysItHasNotRun() throws Exception {
    Plan earlier =
        CompiledDefinition.compile(
            workflow("earlier")
                .initial("split", "middle", null, "Words")
                .phase("middle", "each", null, "Noop")
                .phase("each", "done", null, forEach("Count", "/outputs/split/Words/*/parts"))
                .end("done")
                .build());
    List<JobSpec> jobs =
        planner.plan(
            earlier,
            "each",
            "wf",
            JSON.createObjectNode(),
            JSON.createObjectNode(),
            phase ->
                phase.equals("split")
                    ? json("{\"Words\": [{\"parts\": [1, 2]}, {\"parts\": [3]}]}")
                    : null);
    assertThat(jobs).extracting(JobSpec::payload).containsExactly(json("1"), json("2"), json("3"));

    assertThatThrownBy(
            () ->
                planner.plan(
                    earlier,
                    "each",
                    "wf",
                    JSON.createObjectNode(),
                    JSON.createObjectNode(),
                    EntryPlanner.PhaseOutputs.NONE))
        .hasMessageContaining("phase 'split' has not run yet in this workflow");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
