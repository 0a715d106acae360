package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's record line: written and read back, sums over masters and replicas, bad lines. */
class CostRunTest {
  static CostRun run(String label, int fanout, double masters, double rabbit) {
    return new CostRun(
        label,
        fanout,
        1000,
        200,
        List.of("h:7001", "h:7002", "h:7004"),
        new double[] {0.5, 0.5, 0},
        new double[] {masters / 2, masters / 2, 7},
        List.of("pf5681@localhost", "pf5682@localhost"),
        new double[] {rabbit / 4, 3 * rabbit / 4},
        2.0 * CostRun.jobs(fanout) + 4,
        100,
        5.0 * CostRun.jobs(fanout),
        800 + 100.0 * fanout,
        1000 + 50.0 * CostRun.jobs(fanout),
        60);
  }

  @Test
  void aRecordLineReadsBackAsTheSameRun() {
    CostRun r = run("fit-f5", 5, 600, 2000);
    CostRun back = CostRun.parse(r.toLine());
    assertThat(back.toLine()).isEqualTo(r.toLine());
    assertThat(back.label()).isEqualTo("fit-f5");
    assertThat(back.jobs()).isEqualTo(11);
    assertThat(back.redisNodes()).containsExactly("h:7001", "h:7002", "h:7004");
  }

  @Test
  void mastersAndReplicasAreSummedApartByTheirShardShare() {
    CostRun r = run("x", 10, 600, 2000);
    assertThat(r.masters()).isEqualTo(2);
    assertThat(r.redisMastersCpu()).isEqualTo(600);
    assertThat(r.redisReplicasCpu()).isEqualTo(7);
    assertThat(r.rabbitTotalCpu()).isEqualTo(2000);
  }

  @Test
  void aLineWithoutTheFieldsIsRefusedSayingSo() {
    assertThatThrownBy(() -> CostRun.parse("label=x\tfanout=3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing or malformed");
    assertThatThrownBy(() -> CostRun.parse("just text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name=value");
  }
}
