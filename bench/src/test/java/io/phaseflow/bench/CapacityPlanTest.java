package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan's arithmetic as a table, on a model with round costs. */
class CapacityPlanTest {
  /**
   * Per workflow of 21 jobs (F = 10): masters 2,100 µs (100 µs/job), broker 10,500 µs, engine and
   * handler 4,200 µs each; 1,000 B running + 0 per job, 2,000 B finished, 50 B per queued job.
   */
  private static final CapacityModel MODEL = model();

  private static CapacityModel model() {
    CostRun a = round("a", 5);
    CostRun b = round("b", 20);
    return CapacityModel.fit(List.of(a, b));
  }

  private static CostRun round(String label, int fanout) {
    int jobs = CostRun.jobs(fanout);
    return new CostRun(
        label,
        fanout,
        1000,
        200,
        List.of("m1", "r1"),
        new double[] {1, 0},
        new double[] {100.0 * jobs, 10.0 * jobs},
        List.of("n1"),
        new double[] {500.0 * jobs},
        2.0 * jobs,
        200.0 * jobs,
        200.0 * jobs,
        1000,
        2000,
        50);
  }

  private static CapacityPlan.Target target(double jobsPerSecond, double running, double hot) {
    return new CapacityPlan.Target(
        jobsPerSecond, running, 10, 3600, 0.5, 10e9, 64, 10, 0.5, 20_000, hot, 4, 0.5);
  }

  static Stream<Arguments> plans() {
    // jobs/s, running, hot share | masters for CPU, for memory, namespaces for shards,
    // broker nodes, namespaces for job-finished, hot handler queues, engines, handlers
    return Stream.of(
        Arguments.of(210_000, 1e6, 0.1, 42, 8, 1, 21, 11, 2, 21, 21),
        Arguments.of(1_000_000, 1e8, 0.25, 200, 45, 4, 100, 50, 13, 100, 100),
        Arguments.of(21_000, 1e9, 1.0, 5, 101, 2, 3, 2, 2, 3, 3));
  }

  @ParameterizedTest
  @MethodSource("plans")
  void plan(
      double jobsPerSecond,
      double running,
      double hot,
      int mastersForCpu,
      int mastersForMemory,
      int namespacesForShards,
      int brokerNodes,
      int namespacesForQueues,
      int hotQueues,
      int engines,
      int handlers) {
    CapacityPlan.Result p = CapacityPlan.plan(MODEL, target(jobsPerSecond, running, hot));
    assertThat(p.workflowsPerSecond()).isCloseTo(jobsPerSecond / 21, within(1e-6));
    assertThat(p.mastersForCpu()).isEqualTo(mastersForCpu);
    assertThat(p.mastersForMemory()).isEqualTo(mastersForMemory);
    assertThat(p.masters()).isEqualTo(Math.max(mastersForCpu, mastersForMemory));
    assertThat(p.namespacesForShards()).isEqualTo(namespacesForShards);
    assertThat(p.brokerNodes()).isEqualTo(brokerNodes);
    assertThat(p.namespacesForQueues()).isEqualTo(namespacesForQueues);
    assertThat(p.queuesForHotHandler()).isEqualTo(hotQueues);
    assertThat(p.engineProcesses()).isEqualTo(engines);
    assertThat(p.handlerProcesses()).isEqualTo(handlers);
    assertThat(p.engines()).isEqualTo(Math.max(engines, p.namespaces()));
  }

  @org.junit.jupiter.api.Test
  void everyNamespaceNeedsAnEngineAndAHandlerProcessWhateverTheCpu() {
    // 1M jobs/s at 20,000 msgs/s per queue: 50 namespaces, though 100 engines' CPU would do.
    CapacityPlan.Result p = CapacityPlan.plan(MODEL, target(1_000_000, 1e8, 0.25));
    assertThat(p.namespaces()).isEqualTo(50);
    CapacityPlan.Result small =
        CapacityPlan.plan(
            MODEL,
            new CapacityPlan.Target(
                1_000_000, 1e8, 10, 3600, 0.5, 10e9, 64, 10, 0.5, 20_000, 0.25, 64, 0.5));
    assertThat(small.engineProcesses()).isEqualTo(7); // 200 cores / 32 per process
    assertThat(small.engines()).isEqualTo(50);
    assertThat(small.handlers()).isEqualTo(50);
  }
}
