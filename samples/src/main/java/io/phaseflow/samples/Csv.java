package io.phaseflow.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double quotes around fields that hold commas,
 * quotes or line breaks, and {@code ""} for a quote inside them. Blank lines are skipped.
 */
final class Csv {
  private Csv() {}

  /**
   * The job's CSV text ({@code payload.csv} or {@code data.csv}) as rows: a header row (stripped)
   * first, then records of the header's width.
   *
   * @throws io.phaseflow.handlers.JobFailedException (not retryable) naming what is wrong
   */
  static List<List<String>> table(io.phaseflow.handlers.Job job) {
    String csv = Json.payloadOrData(job, "csv");
    if (csv == null) {
      throw Json.badInput(job, "no CSV text: give payload.csv or data.csv as a string");
    }
    List<List<String>> rows;
    try {
      rows = new ArrayList<>(parse(csv));
    } catch (IllegalArgumentException e) {
      throw Json.badInput(job, "malformed CSV: " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw Json.badInput(job, "CSV text has no header row");
    }
    List<String> header = rows.get(0).stream().map(String::strip).toList();
    rows.set(0, header);
    for (int r = 1; r < rows.size(); r++) {
      if (rows.get(r).size() != header.size()) {
        throw Json.badInput(
            job,
            "CSV record "
                + r
                + " has "
                + rows.get(r).size()
                + " fields, the header "
                + header.size());
      }
    }
    return rows;
  }

  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        endRow(rows, row, field);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quoted field is not closed before the end of the text");
    }
    endRow(rows, row, field);
    return rows;
  }

  private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field) {
    row.add(field.toString());
    field.setLength(0);
    if (!(row.size() == 1 && row.get(0).isBlank())) {
      rows.add(row);
    }
  }
}
