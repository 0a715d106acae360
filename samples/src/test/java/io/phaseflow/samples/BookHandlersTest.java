package io.phaseflow.samples;

import static io.phaseflow.samples.TestJobs.job;
import static io.phaseflow.samples.TestJobs.json;
import static io.phaseflow.samples.TestJobs.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.JobFailedException;
import org.junit.jupiter.api.Test;

class BookHandlersTest {
  private final BookSplitter splitter = new BookSplitter();
  private final SectionCounter counter = new SectionCounter();
  private final CountSummer summer = new CountSummer();

  @Test
  void splitterSplitsTheBundledBookAtItsChapters() throws Exception {
    JsonNode out = job(splitter).runOn(splitter);

    assertThat(out.get("title").asText()).isEqualTo("The Lighthouse Keeper");
    JsonNode sections = out.get("sections");
    assertThat(sections).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(sections.get(i).get("index").asInt()).isEqualTo(i);
      assertThat(sections.get(i).get("heading").asText()).isEqualTo("Chapter " + (i + 1));
    }
    assertThat(sections.get(0).get("text").asText())
        .startsWith("The lighthouse stood on a rock")
        .doesNotContain("##");
  }

  @Test
  void splitterTakesDataTextWithAPreambleSection() throws Exception {
    String text = "# Ignored\nIntro line.\n## One\nalpha beta\n\n## Two\ngamma\n";
    JsonNode out =
        job(splitter).data(Json.object().put("title", "Given").put("text", text)).runOn(splitter);

    assertThat(out)
        .isEqualTo(
            json(
                """
                {"title": "Given", "sections": [
                  {"index": 0, "heading": null, "text": "Intro line."},
                  {"index": 1, "heading": "One", "text": "alpha beta"},
                  {"index": 2, "heading": "Two", "text": "gamma"}]}
                """));
  }

  @Test
  void splitterWithoutHeadingsGivesOneSection() throws Exception {
    JsonNode out = job(splitter).data("{\"text\": \"just words\"}").runOn(splitter);

    assertThat(out.get("title").asText()).isEqualTo("untitled");
    assertThat(out.get("sections")).hasSize(1);
  }

  @Test
  void counterCountsLowercasedWords() throws Exception {
    JsonNode out =
        job(counter)
            .payload("{\"index\": 2, \"text\": \"The cat and THE dog. Don't the cat?\"}")
            .runOn(counter);

    assertThat(out)
        .isEqualTo(
            json(
                """
                {"index": 2,
                 "counts": {"and": 1, "cat": 2, "dog": 1, "don't": 1, "the": 3}}
                """));
  }

  @Test
  void counterFailsForGoodOnAPayloadThatIsNotASection() throws Exception {
    JobFailedException e = job(counter).payload("{\"index\": 1}").failOn(counter);

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("payload must be a section");
  }

  @Test
  void summerAddsCountsAndRanksTheTopWords() throws Exception {
    JsonNode out =
        job(summer)
            .inputs(
                """
                {"SectionCounter": [
                  {"index": 0, "counts": {"the": 3, "cat": 1, "zebra": 2}},
                  {"index": 1, "counts": {"the": 1, "cat": 1, "ant": 2}}]}
                """)
            .runOn(summer);

    assertThat(wire(out))
        .isEqualTo(
            json(
                """
                {"sections": 2, "total_words": 10, "distinct_words": 4,
                 "top": [["the", 4], ["ant", 2], ["cat", 2], ["zebra", 2]]}
                """));
  }

  @Test
  void summerTreatsNoSectionsAsAnEmptyBook() throws Exception {
    JsonNode out = job(summer).inputs("{}").runOn(summer);

    assertThat(out.get("total_words").asInt()).isZero();
    assertThat(out.get("top")).isEmpty();
  }

  @Test
  void theBundledBookCountsEndToEnd() throws Exception {
    ArrayNode counts = Json.array();
    for (JsonNode section : job(splitter).runOn(splitter).get("sections")) {
      counts.add(job(counter).payload(section).runOn(counter));
    }
    ObjectNode inputs = Json.object();
    inputs.set("SectionCounter", counts);

    JsonNode out = job(summer).inputs(inputs).runOn(summer);

    assertThat(out.get("sections").asInt()).isEqualTo(4);
    assertThat(out.get("total_words").asInt()).isEqualTo(266);
    assertThat(out.get("top")).hasSize(CountSummer.TOP);
    assertThat(wire(out.get("top").get(0))).isEqualTo(json("[\"the\", 50]"));
  }
}
