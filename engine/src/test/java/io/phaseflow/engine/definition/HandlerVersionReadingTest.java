package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerVersionReadingTest {
  private final DefinitionLoader loader = new DefinitionLoader();

  private static String withHandler(String handler) {
    return "{\"workflow\":\"w\",\"phases\":{\"a\":{\"is_initial\":true,\"is_final\":true,"
        + "\"handlers\":["
        + handler
        + "]}}}";
  }

  @Test
  void aVersionIsAMajorNumberOrARequirementText() {
    Definition d = loader.load(Fixtures.fixture("valid", "handler-versions"));
    List<HandlerReference> fetching = d.phases().get("fetching-pages").handlers();

    assertThat(d.phases().get("searching").handlers().get(0))
        .satisfies(h -> assertThat(h.version()).isEqualTo(2))
        .satisfies(h -> assertThat(h.requirement().plainMajor()).isTrue())
        .satisfies(h -> assertThat(h.label()).isEqualTo("GoogleSearcher v2"));
    assertThat(fetching)
        .extracting(
            HandlerReference::label, HandlerReference::version, h -> h.requirement().range())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PageDownloader ~> 1.2", 1, ">= 1.2.0, < 2.0.0"),
            org.assertj.core.groups.Tuple.tuple("PageIndexer ^2.1", 2, ">= 2.1.0, < 3.0.0"),
            org.assertj.core.groups.Tuple.tuple("Thumbnailer >= 1.5", 1, ">= 1.5.0"),
            org.assertj.core.groups.Tuple.tuple("Archiver 3.0.1", 3, ">= 3.0.1, < 3.0.2"));
    assertThat(d.phases().get("error").handlers().get(0).requirement().range())
        .isEqualTo(">= 1.0.4, < 1.1.0");
    assertThat(loader.parse(withHandler("\"Plain\""), "w").phases().get("a").handlers().get(0))
        .satisfies(h -> assertThat(h.label()).isEqualTo("Plain v1"));
  }

  @Test
  void aRequirementThatDoesNotParseIsReportedWhereItIsWithTheAcceptedForms() {
    DefinitionException e =
        catchThrowableOfType(
            () -> loader.parse(withHandler("{\"name\":\"Pager\",\"version\":\"~ 1.2\"}"), "w.json"),
            DefinitionException.class);

    assertThat(e.errors())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.path()).isEqualTo("$.phases.a.handlers[0].version");
              assertThat(x.message())
                  .isEqualTo(
                      "handler 'Pager' of phase 'a': version requirement '~ 1.2' is not one of"
                          + " the accepted forms: "
                          + VersionRequirement.FORMS);
              assertThat(x.hint())
                  .isEqualTo("write e.g. \"version\": 2 or \"version\": \"~> 1.2\"");
            });
  }

  @Test
  void aNumberIsStillAWholeMajorOfAtLeastOne() {
    DefinitionException e =
        catchThrowableOfType(
            () -> loader.parse(withHandler("{\"name\":\"Pager\",\"version\":1.5}"), "w.json"),
            DefinitionException.class);

    assertThat(e.errors())
        .singleElement()
        .satisfies(x -> assertThat(x.path()).endsWith(".version"));
  }
}
