package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

/** Every duration option reads durations as people write them, and ISO-8601 still. */
class DurationConverterTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "500ms, PT0.5S",
    "30s, PT30S",
    "2m, PT2M",
    "1h, PT1H",
    "1m30s, PT1M30S",
    "1h2m3s, PT1H2M3S",
    "2s500ms, PT2.5S",
    "' 30S ', PT30S",
    "PT30S, PT30S",
    "pt2m, PT2M",
  })
  void readsShortAndIsoDurations(String written, String iso) {
    assertThat(new DurationConverter().convert(written)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "30x, '30x' is not a duration",
    "s, 's' is not a duration",
    "1.5s, '1.5s' is not a duration",
    "'', '' is not a duration",
    "0s, '0s' must be longer than zero",
    "PT-1S, 'PT-1S' must be longer than zero",
  })
  void refusesWhatIsNotAPositiveDurationSayingHowToWriteOne(String written, String message) {
    assertThatThrownBy(() -> new DurationConverter().convert(written))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("e.g. 500ms, 30s, 2m, 1h, 1m30s or PT30S");
  }

  @Test
  void foreverIsNoLimitWhereAnOptionAllowsIt() {
    assertThat(new DurationConverter.OrForever().convert("forever")).isNull();
    assertThat(new DurationConverter.OrForever().convert("1m30s"))
        .isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> new DurationConverter.OrForever().convert("30x"))
        .hasMessageContaining("or forever");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"60, PT1M", "300, PT5M", "5m, PT5M", "90s, PT1M30S"})
  void optionsNamedInSecondsReadABareNumberAsSecondsOrADuration(String written, String iso) {
    assertThat(new DurationConverter.OrSeconds().convert(written)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest(name = "phaseflow {0}")
  @CsvSource({
    "run definitions/search.json --timeout 30x",
    "start some-name --wait --timeout 30x",
    "status some-id --watch --interval 30x",
    "engine --connect-timeout 30x",
    "serve --http-read-timeout 30x",
    "bench chaos --seconds 30x",
    "bench chaos --timeout 30x",
  })
  void everyDurationOptionRefusesABadValueWithExit2BeforeDoingAnything(String line) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        PhaseflowCommand.execute(new PrintWriter(out), new PrintWriter(err), line.split(" "));

    assertThat(code).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err.toString()).contains("'30x' is not a duration");
  }
}
