package io.phaseflow.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandlerRegistrySemverTest {
  private static Handler handler(int version, String semver) {
    return new Handler() {
      @Override
      public String name() {
        return "Pager";
      }

      @Override
      public int version() {
        return version;
      }

      @Override
      public String semver() {
        return semver == null ? Handler.super.semver() : semver;
      }

      @Override
      public JobResult process(Job job) {
        return JobResult.success(NullPayload.INSTANCE);
      }
    };
  }

  @ParameterizedTest(name = "v{0} {1}")
  @CsvSource({"1, , 1.0.0", "2, , 2.0.0", "1, 1.4.2, 1.4.2", "12, 12.0.10, 12.0.10"})
  void aHandlerOfItsOwnMajorIsRegistered(int version, String semver, String full) {
    Handler h = handler(version, semver);
    assertThat(HandlerRegistry.of(java.util.List.of(h)).find("Pager", version)).contains(h);
    assertThat(h.semver()).isEqualTo(full);
  }

  @ParameterizedTest(name = "v{0} ''{1}''")
  @CsvSource({"1, 2.0.0", "1, 1.4", "1, 1.4.x", "2, 12.0.0", "1, v1.0.0", "1, ''"})
  void aSemverThatIsNotMajorMinorPatchOfItsMajorIsRefused(int version, String semver) {
    assertThatThrownBy(() -> new HandlerRegistry().register(handler(version, semver)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "handler Pager v"
                + version
                + " declares semver() '"
                + semver
                + "': write MAJOR.MINOR.PATCH with MAJOR "
                + version
                + " (its version()), e.g. "
                + version
                + ".2.0");
  }
}
