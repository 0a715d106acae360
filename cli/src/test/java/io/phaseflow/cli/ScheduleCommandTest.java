package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code phaseflow schedule add} refuses a bad expression before it connects to anything. */
class ScheduleCommandTest extends CliCapture {
  private static final String NOWHERE = "redis://127.0.0.1:1"; // nothing listens: not reached

  @Test
  void aBadCronExpressionNamesTheFieldAndShowsAnExample() {
    assertThat(phaseflow("schedule", "add", "nightly", "--cron", "0 25 * * *", "--redis", NOWHERE))
        .isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err)
        .contains("cron expression '0 25 * * *': field 2 (hour) '25' is invalid")
        .contains("e.g. '*/15 * * * *' (every 15 minutes)");
  }

  @Test
  void aBadZoneNameOrInputIsRefused() {
    assertThat(
            phaseflow(
                "schedule",
                "add",
                "n",
                "--cron",
                "@daily",
                "--zone",
                "Mars/Base",
                "--redis",
                NOWHERE))
        .isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err).contains("unknown time zone 'Mars/Base'");
    assertThat(phaseflow("schedule", "add", "a b", "--cron", "@daily", "--redis", NOWHERE))
        .isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err).contains("schedule name 'a b' must be 1 to 64 letters");
    assertThat(
            phaseflow(
                "schedule", "add", "n", "--cron", "@daily", "--input", "{", "--redis", NOWHERE))
        .isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err).contains("--input is not valid JSON");
  }

  @Test
  void cronIsRequired() {
    assertThat(phaseflow("schedule", "add", "n")).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err).contains("Missing required option: '--cron=EXPR'");
  }

  @Test
  void scheduleAloneShowsItsSubcommands() {
    assertThat(phaseflow("schedule")).isZero();
    assertThat(out).contains("add").contains("list").contains("remove");
  }
}
