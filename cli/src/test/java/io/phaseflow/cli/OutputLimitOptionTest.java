package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.RejectedInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputLimitOptionTest {
  private static OutputLimitOption of(int bytes) {
    OutputLimitOption o = new OutputLimitOption();
    o.bytes = bytes;
    return o;
  }

  @ParameterizedTest(name = "{0} accepted")
  @CsvSource({"1024", "262144", "1048576", "67108864"})
  void limitsWithinTheRangeAreKept(int bytes) {
    assertThat(of(bytes).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0} refused")
  @CsvSource({"0, 0", "1023, '1,023'", "67108865, '67,108,865'"})
  void limitsOutsideAreRefusedNamingTheRange(int bytes, String shown) {
    assertThatThrownBy(() -> of(bytes).bytes())
        .isInstanceOf(RejectedInput.class)
        .hasMessage("--max-output-bytes must be from 1,024 to 67,108,864, not " + shown);
  }
}
