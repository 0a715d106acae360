package io.phaseflow.samples;

import static io.phaseflow.samples.TestJobs.job;
import static io.phaseflow.samples.TestJobs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.JobFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchHandlersTest {
  private final LocalSearcher searcher = new LocalSearcher();
  private final PageSummarizer summarizer = new PageSummarizer();

  @Test
  void searcherRanksBundledPagesByHowOftenTheyUseTheQueryWords() throws Exception {
    JsonNode out = job(searcher).data("{\"query\": \"Redis QUEUE\"}").runOn(searcher);

    assertThat(out.get("query").asText()).isEqualTo("Redis QUEUE");
    assertThat(out.get("hits"))
        .isEqualTo(
            json(
                """
                [{"page": "redis.txt", "score": 3},
                 {"page": "workflows.txt", "score": 2},
                 {"page": "rabbitmq.txt", "score": 1}]
                """));
  }

  @Test
  void searcherReturnsNoHitsWhenNoPageMatches() throws Exception {
    JsonNode out = job(searcher).data("{\"query\": \"zeppelin\"}").runOn(searcher);

    assertThat(out.get("hits")).isEmpty();
  }

  @Test
  void searcherFailsForGoodWithoutAQuery() throws Exception {
    for (String data : new String[] {"{}", "{\"query\": \"  \"}", "{\"query\": 7}", "null"}) {
      JobFailedException e = job(searcher).data(data).failOn(searcher);

      assertThat(e.retryable()).as(data).isFalse();
      assertThat(e.getMessage()).as(data).contains("data.query", "LocalSearcher", "wf-test");
    }
  }

  @Test
  void corpusDirectoryOverridesTheBundledCorpus(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "Apples and pears. Apples again.");
    Files.writeString(dir.resolve("b.txt"), "Only pears here.");
    Files.writeString(dir.resolve("ignored.md"), "apples apples apples");
    String data = "{\"query\": \"apples\", \"corpus\": " + json("\"" + dir + "\"") + "}";

    JsonNode hits = job(searcher).data(data).runOn(searcher).get("hits");
    JsonNode summary = job(summarizer).data(data).payload(hits.get(0)).runOn(summarizer);

    assertThat(hits).isEqualTo(json("[{\"page\": \"a.txt\", \"score\": 2}]"));
    assertThat(summary)
        .isEqualTo(
            json(
                "{\"page\": \"a.txt\", \"words\": 5, \"summary\": \"Apples and pears.\","
                    + " \"score\": 2}"));
  }

  @Test
  void summarizerCountsWordsAndTakesTheFirstSentence() throws Exception {
    JsonNode out =
        job(summarizer)
            .payload("{\"page\": \"tides.txt\", \"score\": 4}")
            .data("{\"query\": \"tides\"}")
            .runOn(summarizer);

    assertThat(out.get("page").asText()).isEqualTo("tides.txt");
    assertThat(out.get("summary").asText())
        .isEqualTo(
            "Tides are the regular rise and fall of the sea caused mostly by the pull of the"
                + " Moon.");
    assertThat(out.get("words").asInt()).isEqualTo(62);
    assertThat(out.get("score").asInt()).isEqualTo(4);
  }

  @Test
  void summarizerFailsForGoodOnAPageOutsideTheCorpus() throws Exception {
    for (String page : new String[] {"nope.txt", "../book.txt", "redis"}) {
      JobFailedException e =
          job(summarizer).payload("{\"page\": \"" + page + "\"}").failOn(summarizer);

      assertThat(e.retryable()).isFalse();
      assertThat(e.getMessage()).contains(page, "bundled corpus");
    }
    assertThat(job(summarizer).payload("\"redis.txt\"").failOn(summarizer).getMessage())
        .contains("search hit");
  }

  @Test
  void finisherReportsWhatThePreviousPhaseProduced() throws Exception {
    JobFinisher finisher = new JobFinisher();
    JsonNode out =
        job(finisher)
            .inputs(
                """
                {"PageSummarizer": [
                  {"page": "redis.txt", "words": 50, "summary": "x", "score": 3},
                  {"page": "workflows.txt", "words": 60, "summary": "y", "score": 2}]}
                """)
            .runOn(finisher);

    assertThat(out.get("jobs")).isEqualTo(json("{\"PageSummarizer\": 2}"));
    assertThat(out.get("pages")).isEqualTo(json("[\"redis.txt\", \"workflows.txt\"]"));
    assertThat(out.get("words").asInt()).isEqualTo(110);
    assertThat(out.get("report").asText()).isEqualTo("2 page(s) summarised, 110 words in all");
  }

  @Test
  void finisherReportsAnEmptyPreviousPhase() throws Exception {
    JobFinisher finisher = new JobFinisher();

    assertThat(job(finisher).runOn(finisher).get("report").asText())
        .isEqualTo("finished after 0 job(s) of 0 handler(s)");
  }

  @Test
  void errorReporterCollectsErrorMessagesFromItsInputs() throws Exception {
    ErrorReporter reporter = new ErrorReporter();
    JsonNode out =
        job(reporter)
            .data("{\"query\": \"\"}")
            .inputs(
                """
                {"LocalSearcher": [{"ok": false, "error": "data.query must be a string"}]}
                """)
            .runOn(reporter);

    assertThat(out.get("workflow").asText()).isEqualTo("wf-test");
    assertThat(out.get("errors")).isEqualTo(json("[\"data.query must be a string\"]"));
    assertThat(out.get("outputs")).isEqualTo(json("{\"LocalSearcher\": 1}"));
    assertThat(out.get("data")).isEqualTo(json("{\"query\": \"\"}"));
    assertThat(out.get("report").asText()).contains("test-phase", "data.query must be a string");
  }

  @Test
  void errorReporterDoesNotFailOnMissingOrOddInputs() throws Exception {
    ErrorReporter reporter = new ErrorReporter();
    io.phaseflow.handlers.Job bare =
        new io.phaseflow.handlers.Job("wf", "error", 3, 0, 1, "ErrorReporter", 1, null, null, null);

    assertThat(reporter.process(bare).ok()).isTrue();
    assertThat(job(reporter).inputs("[1, \"two\"]").data("42").runOn(reporter).get("report"))
        .isNotNull();
  }
}
