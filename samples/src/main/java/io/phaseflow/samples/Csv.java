package io.phaseflow.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double quotes around fields that hold commas,
 * quotes or line breaks, and {@code ""} for a quote inside them. Blank lines are skipped.
 */
final class Csv {
  private Csv() {}

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
