package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EngineCommandTest {
  private static EngineCommand parsed(String... args) {
    CommandLine root = PhaseflowCommand.commandLine();
    CommandLine.ParseResult result = root.parseArgs(args);
    return (EngineCommand) result.subcommand().commandSpec().userObject();
  }

  @Test
  void theWatchdogPassesEverySecondUnlessToldOtherwise() {
    assertThat(parsed("engine").watchdogInterval).isEqualTo(Duration.ofSeconds(1));
    assertThat(parsed("engine", "--watchdog-interval", "250ms").watchdogInterval)
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aWatchdogIntervalOfZeroIsRefusedSayingHowToWriteOne() {
    assertThatThrownBy(() -> parsed("engine", "--watchdog-interval", "0s"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--watchdog-interval");
  }
}
