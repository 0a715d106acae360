package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor restarts what exits, counting it by code, and kills only while chaos is on. */
class ProcessSupervisorTest {
  @TempDir Path logs;

  @Test
  void restartsAProcessThatExitedAndNotesItsCodeAndLastLine() throws Exception {
    ProcessSupervisor supervisor = new ProcessSupervisor(logs, new Random(1));
    try {
      supervisor.add("quitter", List.of("sh", "-c", "echo 'phaseflow: server down'; exit 4"));
      tickFor(supervisor, 1500);
    } finally {
      supervisor.close();
    }
    assertThat(supervisor.exits("quitter").get(4)).isGreaterThanOrEqualTo(2);
    assertThat(supervisor.exitNotes())
        .first()
        .isEqualTo("quitter-1 exited with code 4: phaseflow: server down");
    assertThat(supervisor.kills("quitter")).isZero();
  }

  @Test
  void killsProcessesOnlyWhileChaosIsOn() throws Exception {
    ProcessSupervisor supervisor = new ProcessSupervisor(logs, new Random(1));
    try {
      supervisor.add("sleeper", List.of("sleep", "60"));
      supervisor.add("sleeper", List.of("sleep", "60"));
      tickFor(supervisor, 5300); // past every kill time: nothing killed while chaos is off
      assertThat(supervisor.kills("sleeper")).isZero();
      supervisor.chaos(true);
      tickFor(supervisor, 500); // both due: killed once each, restarted
      assertThat(supervisor.kills("sleeper")).isEqualTo(2);
    } finally {
      supervisor.close();
    }
    assertThat(supervisor.exits("sleeper")).isEqualTo(Map.of());
  }

  private static void tickFor(ProcessSupervisor supervisor, long millis) throws Exception {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      supervisor.tick();
      Thread.sleep(50);
    }
  }
}
