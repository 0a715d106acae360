package io.phaseflow.engine.definition;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for typos in keys and names, by edit distance. */
final class Suggestions {
  private Suggestions() {}

  /** The candidate closest to {@code word}, if it is close enough to be a plausible typo. */
  static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String normalized = normalize(word);
    for (String candidate : candidates) {
      int distance = distance(normalized, normalize(candidate));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best == null || bestDistance > allowedDistance(word, best)) {
      return Optional.empty();
    }
    return Optional.of(best);
  }

  /** A hint sentence: "did you mean 'x'?" or, with no close candidate, the full list. */
  static String hint(String word, Collection<String> candidates, String listLabel) {
    return closest(word, candidates)
        .map(c -> "did you mean '" + c + "'?")
        .orElseGet(() -> listLabel + ": " + quotedList(candidates));
  }

  static String quotedList(Collection<String> items) {
    if (items.isEmpty()) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder();
    for (String item : items) {
      out.append(out.length() == 0 ? "" : ", ").append('\'').append(item).append('\'');
    }
    return out.toString();
  }

  // Case, '-' versus '_' and spaces are the commonest slips; they should not count as edits.
  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
  }

  // A third of the length, so "transition_to" finds "transitions_to" but "a" does not find "b".
  private static int allowedDistance(String word, String candidate) {
    int length = Math.min(word.length(), candidate.length());
    return length <= 2 ? 0 : Math.max(1, Math.min(3, length / 3));
  }

  /** Optimal string alignment distance: Levenshtein plus swaps of adjacent characters. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
