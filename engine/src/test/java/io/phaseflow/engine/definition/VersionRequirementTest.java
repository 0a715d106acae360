package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRequirementTest {

  /** Each form: what it admits and what it does not, and how it reads back. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # requirement | range                    | plain | admits              | refuses
          2             | >= 2.0.0, < 3.0.0        | true  | 2.0.0 2.9.9         | 1.9.9 3.0.0
          1.2.3         | >= 1.2.3, < 1.2.4        | false | 1.2.3               | 1.2.2 1.2.4 1.3.0
          ~> 1.2        | >= 1.2.0, < 2.0.0        | false | 1.2.0 1.4.0 1.99.0  | 1.1.9 2.0.0
          ~>1.2         | >= 1.2.0, < 2.0.0        | false | 1.2.0               | 2.0.0
          ~> 1.2.3      | >= 1.2.3, < 1.3.0        | false | 1.2.3 1.2.9         | 1.2.2 1.3.0 1.4.0
          ~> 2          | >= 2.0.0, < 3.0.0        | false | 2.0.0 2.5.1         | 1.0.0 3.0.0
          ^1.2          | >= 1.2.0, < 2.0.0        | false | 1.2.0 1.4.0         | 1.1.0 2.0.0
          ^2            | >= 2.0.0, < 3.0.0        | false | 2.0.0 2.1.0         | 1.9.0 3.0.0
          ^1.2.3        | >= 1.2.3, < 2.0.0        | false | 1.2.3 1.9.0         | 1.2.2 2.0.0
          >= 1.2        | >= 1.2.0                 | false | 1.2.0 2.0.0 17.0.0  | 1.1.9
          >= 3          | >= 3.0.0                 | false | 3.0.0 4.1.0         | 2.9.9
          ' 1.10.0 '    | >= 1.10.0, < 1.10.1      | false | 1.10.0              | 1.9.0 1.1.0
          """)
  void admitsItsRange(String text, String range, boolean plain, String admits, String refuses) {
    VersionRequirement r = VersionRequirement.parse(text);

    assertThat(r.range()).isEqualTo(range);
    assertThat(r.plainMajor()).isEqualTo(plain);
    assertThat(r.toString()).isEqualTo(text.trim());
    for (String v : admits.split(" ")) {
      assertThat(r.admits(SemanticVersion.parse(v))).as(text + " admits " + v).isTrue();
    }
    for (String v : refuses.split(" ")) {
      assertThat(r.admits(SemanticVersion.parse(v))).as(text + " refuses " + v).isFalse();
    }
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''
          ~>
          1.2
          0
          ~> 0.3
          v2
          > 1.2
          <= 2
          ~> 1.2.3.4
          ^-1
          1.x
          ~> 1.2, < 1.5
          2147483648
          """)
  void refusesNamingTheTextAndTheAcceptedForms(String text) {
    String t = text == null ? "" : text;
    assertThatThrownBy(() -> VersionRequirement.parse(t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "version requirement '"
                + t.trim()
                + "' is not one of the accepted forms: "
                + VersionRequirement.FORMS);
  }

  @ParameterizedTest(name = "{0} may be met by major {1}: {2}")
  @CsvSource({
    "2, 2, true",
    "2, 1, false",
    "2, 3, false",
    "'~> 1.2', 1, true",
    "'~> 1.2', 2, false",
    "'>= 1.2', 5, true",
    "'>= 1.2', 0, false",
    "1.2.3, 1, true",
    "'^2', 3, false"
  })
  void saysWhichMajorsMayMeetIt(String text, int major, boolean may) {
    assertThat(VersionRequirement.parse(text).admitsMajor(major)).isEqualTo(may);
  }

  @ParameterizedTest(name = "{0} < {1}")
  @CsvSource({"1.9.0, 1.10.0", "1.2.3, 1.2.10", "1.99.99, 2.0.0", "0.0.1, 0.1.0"})
  void ordersVersionsNumerically(String lower, String higher) {
    assertThat(SemanticVersion.parse(lower)).isLessThan(SemanticVersion.parse(higher));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"1.2", "1.2.x", "'1..2'", "-1.2.3", "1.2.3.4"})
  void refusesAFullVersionThatIsNotThreeNumbers(String text) {
    assertThatThrownBy(() -> SemanticVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }
}
