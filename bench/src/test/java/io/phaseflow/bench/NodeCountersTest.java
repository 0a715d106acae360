package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsing behind the per-node counters: INFO fields, /proc stat, shard shares of slots. */
class NodeCountersTest {
  @Test
  void infoFieldsSkipSectionHeaders() {
    var f =
        RedisNodes.fields(
            "# CPU\r\nused_cpu_sys:1.50\r\nused_cpu_user:2.25\r\n\r\n# Memory\r\nused_memory:1024\r\n");
    assertThat(f).containsEntry("used_cpu_sys", "1.50").containsEntry("used_memory", "1024");
    assertThat(f).doesNotContainKey("# CPU");
  }

  @Test
  void statJiffiesAreUserPlusSystemTimeEvenWithSpacesInTheName() {
    String stat = "2940 (beam.smp (x) y) S 1 2 3 4 5 6 7 8 9 10 250 75 0 0 20 0 30 0 100";
    assertThat(RabbitNodes.parseStatJiffies(stat)).isEqualTo(325);
  }

  @Test
  void shardSharesOfAllSlotsAddUpToOne() {
    List<int[]> first = List.<int[]>of(new int[] {0, 5460});
    List<int[]> second = List.<int[]>of(new int[] {5461, 10922});
    List<int[]> third = List.<int[]>of(new int[] {10923, 16383});
    double sum =
        RedisNodes.shardShare(first, 64)
            + RedisNodes.shardShare(second, 64)
            + RedisNodes.shardShare(third, 64);
    assertThat(sum).isEqualTo(1.0);
    assertThat(RedisNodes.shardShare(List.<int[]>of(new int[] {0, 16383}), 64)).isEqualTo(1.0);
    assertThat(RedisNodes.shardShare(List.of(), 64)).isZero();
  }
}
