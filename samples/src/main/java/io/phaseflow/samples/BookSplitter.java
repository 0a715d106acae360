package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a book into sections at lines starting with {@code "## "}. The book is {@code data.text}
 * when given, else the bundled {@code book.txt}; a first line {@code "# Title"} (or {@code
 * data.title}) names it. Text before the first heading, if any, is a section of its own. Output
 * {@code {"title", "sections": [{"index", "heading", "text"}]}}.
 */
public final class BookSplitter implements Handler {
  static final String BUNDLED_BOOK = "/io/phaseflow/samples/book.txt";

  @Override
  public String name() {
    return "BookSplitter";
  }

  @Override
  public JobResult process(Job job) throws IOException {
    JsonNode given = Json.at(job.data(), "text");
    String text = given.isTextual() ? given.asText() : bundledBook();
    String title = Json.at(job.data(), "title").asText("untitled");
    ObjectNode out = Json.object();
    ArrayNode sections = Json.array();
    String heading = null;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\\R", -1)) {
      if (line.startsWith("## ")) {
        addSection(sections, heading, body);
        heading = line.substring(3).strip();
        body.setLength(0);
      } else if (line.startsWith("# ") && sections.isEmpty() && heading == null) {
        title = Json.at(job.data(), "title").asText(line.substring(2).strip());
      } else {
        body.append(line).append('\n');
      }
    }
    addSection(sections, heading, body);
    out.put("title", title);
    out.set("sections", sections);
    return JobResult.success(out);
  }

  private static void addSection(ArrayNode sections, String heading, StringBuilder body) {
    String text = body.toString().strip();
    if (heading == null && text.isEmpty()) {
      return; // no preamble before the first heading
    }
    ObjectNode section = sections.addObject().put("index", sections.size() - 1);
    section.put("heading", heading).put("text", text);
  }

  private static String bundledBook() throws IOException {
    try (InputStream in = BookSplitter.class.getResourceAsStream(BUNDLED_BOOK)) {
      if (in == null) {
        throw new IOException("bundled book " + BUNDLED_BOOK + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
