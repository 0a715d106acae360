package io.phaseflow.engine.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text scrape read back into series, so tests can ask for one by name and labels. */
record Scrape(String text, List<Series> series) {
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line: {@code name{labels} value}. */
  record Series(String name, Map<String, String> labels, double value) {}

  static Scrape parse(String text) {
    List<Series> series = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int close = line.lastIndexOf('}');
      String name;
      Map<String, String> labels = new LinkedHashMap<>();
      String rest;
      if (brace >= 0) {
        name = line.substring(0, brace);
        Matcher m = LABEL.matcher(line.substring(brace + 1, close));
        while (m.find()) {
          labels.put(m.group(1), m.group(2));
        }
        rest = line.substring(close + 1).strip();
      } else {
        name = line.substring(0, line.indexOf(' '));
        rest = line.substring(line.indexOf(' ') + 1).strip();
      }
      series.add(new Series(name, labels, Double.parseDouble(rest.split(" ")[0])));
    }
    return new Scrape(text, series);
  }

  /** The series of {@code name} whose labels include {@code labels} (name, value, ...). */
  List<Series> find(String name, String... labels) {
    List<Series> found = new ArrayList<>();
    for (Series s : series) {
      if (!s.name().equals(name)) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < labels.length; i += 2) {
        matches &= labels[i + 1].equals(s.labels().get(labels[i]));
      }
      if (matches) {
        found.add(s);
      }
    }
    return found;
  }

  /**
   * The value of the one series of {@code name} with exactly these labels (besides {@code le}).
   *
   * @throws AssertionError when there is none, naming what there is
   */
  double value(String name, String... labels) {
    List<Series> found = find(name, labels);
    found.removeIf(s -> s.labels().size() != labels.length / 2);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one series "
              + name
              + " "
              + List.of(labels)
              + ", found "
              + found.size()
              + "; the scrape has:\n"
              + String.join("\n", text.lines().filter(l -> l.startsWith(name)).toList()));
    }
    return found.get(0).value();
  }
}
