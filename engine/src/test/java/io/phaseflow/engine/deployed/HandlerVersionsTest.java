package io.phaseflow.engine.deployed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.JobPolicy;
import io.phaseflow.engine.definition.SemanticVersion;
import io.phaseflow.engine.definition.VersionRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandlerVersionsTest {
  private static final long NOW = 1_000_000_000L;

  /** 1.2.0 and 1.4.0 share the v1 queue; 2.0.0 has its own; 0.9.0 was seen too long ago. */
  private static final List<HandlerSighting> SIGHTINGS =
      List.of(
          new HandlerSighting("Pager", 1, "a@h", 2, false, NOW - 1_000, "1.2.0"),
          new HandlerSighting("Pager", 1, "b@h", 2, false, NOW - 2_000, "1.4.0"),
          new HandlerSighting("Pager", 2, "c@h", 1, false, NOW, "2.0.0"),
          new HandlerSighting("Pager", 3, "old@h", 1, false, NOW - 60_000, "3.0.0"),
          new HandlerSighting("Other", 5, "d@h", 1, false, NOW, "not-a-version"));

  private final HandlerVersions versions =
      new HandlerVersions(() -> HandlerVersions.live(SIGHTINGS, NOW));

  private static HandlerReference pager(String requirement) {
    return new HandlerReference(
        "Pager", 1, null, 3, JobPolicy.DEFAULT, List.of(), VersionRequirement.parse(requirement));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'~> 1.2', 1, 1.4.0",
    "'^1.2', 1, 1.4.0",
    "'~> 1.4', 2, -", // refused: 1.2.0 shares the v1 queue
    "'^2', 2, 2.0.0",
    "'>= 1.3', 2, 2.0.0",
    "1.2.0, 1, -", // refused: 1.4.0 shares the v1 queue and is not 1.2.0
    "2.0.0, 2, 2.0.0",
  })
  void routesToTheNewestLiveVersionThatSatisfiesIt(String requirement, int major, String semver) {
    if (semver.equals("-")) {
      assertThatThrownBy(() -> versions.resolve(pager(requirement)))
          .isInstanceOf(RejectedInput.class)
          .hasMessageContaining("also serve phaseflow.handler.Pager.v1")
          .hasMessageContaining("stop those processes or widen the requirement");
      return;
    }
    assertThat(versions.resolve(pager(requirement)))
        .isEqualTo(new HandlerVersions.Resolved(major, semver));
  }

  @Test
  void refusesARangeNothingLiveSatisfiesNamingHandlerRequirementAndDeployedVersions() {
    assertThatThrownBy(() -> versions.resolve(pager(">= 3")))
        .isInstanceOf(RejectedInput.class)
        .hasMessage(
            "handler Pager: no deployed version satisfies '>= 3' (>= 3.0.0); deployed: [1.2.0,"
                + " 1.4.0, 2.0.0]; deploy one (phaseflow handlers --jar with a Pager whose"
                + " semver() is in that range) or change the definition's \"version\"");
    assertThatThrownBy(
            () ->
                versions.resolve(
                    new HandlerReference(
                        "Nobody",
                        1,
                        null,
                        3,
                        JobPolicy.DEFAULT,
                        List.of(),
                        VersionRequirement.parse("~> 1.0"))))
        .hasMessageStartingWith(
            "handler Nobody: no deployed version satisfies '~> 1.0' (>= 1.0.0, < 2.0.0);"
                + " deployed: none;");
  }

  @Test
  void aPlainMajorKeepsItsQueueWhetherOrNotAnythingServesIt() {
    assertThat(versions.resolve(pager("3"))).isEqualTo(new HandlerVersions.Resolved(3, null));
    assertThat(versions.resolve(pager("1"))).isEqualTo(new HandlerVersions.Resolved(1, null));
    assertThat(HandlerVersions.NONE.resolve(pager("7")))
        .isEqualTo(new HandlerVersions.Resolved(7, null));
  }

  @Test
  void notesTheFullVersionOfEachRangeOnly() {
    assertThat(versions.note(List.of(pager("~> 1.2"), pager("2"), pager("^2"))))
        .isEqualTo("versions: Pager ~> 1.2 = 1.4.0, Pager ^2 = 2.0.0");
    assertThat(versions.note(List.of(pager("2")))).isNull();
  }

  @Test
  void liveVersionsLeaveOutTheStaleAndTheUnreadable() {
    assertThat(HandlerVersions.live(SIGHTINGS, NOW))
        .isEqualTo(
            Map.of(
                "Pager",
                List.of(
                    SemanticVersion.parse("1.2.0"),
                    SemanticVersion.parse("1.4.0"),
                    SemanticVersion.parse("2.0.0"))));
  }
}
