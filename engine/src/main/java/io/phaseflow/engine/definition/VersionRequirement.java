package io.phaseflow.engine.definition;

/**
 * Which versions of a handler a definition accepts, as its {@code "version"} says: a plain major
 * ({@code 2}, as before semantic versions), an exact version ({@code 1.2.3}), a pessimistic range
 * ({@code ~> 1.2}: >= 1.2.0, < 2.0.0; {@code ~> 1.2.3}: >= 1.2.3, < 1.3.0), a caret range ({@code
 * ^1.2}: >= 1.2.0, < 2.0.0) or a lower bound ({@code >= 1.2}). Pure and immutable.
 *
 * @param text as written, trimmed
 * @param lowest the least version admitted
 * @param below the first version no longer admitted; null when unbounded ({@code >=})
 */
public record VersionRequirement(String text, SemanticVersion lowest, SemanticVersion below) {

  /** The forms {@link #parse} accepts, as its errors list them. */
  public static final String FORMS =
      "2 (any 2.x.y), 1.2.3 (exactly), ~> 1.2 (>= 1.2.0, < 2.0.0), ~> 1.2.3 (>= 1.2.3,"
          + " < 1.3.0), ^1.2 (>= 1.2.0, < 2.0.0), >= 1.2 (1.2.0 or newer)";

  /** Any version of major {@code major}: what {@code "version": 2} has always meant. */
  public static VersionRequirement major(int major) {
    if (major < 1) {
      throw new IllegalArgumentException("a major version starts at 1, got " + major);
    }
    return new VersionRequirement(
        Integer.toString(major),
        new SemanticVersion(major, 0, 0),
        new SemanticVersion(major + 1, 0, 0));
  }

  /**
   * Parses a requirement.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static VersionRequirement parse(String raw) {
    String text = raw == null ? "" : raw.trim();
    try {
      if (text.startsWith("~>")) {
        int[] v = parts(text.substring(2));
        SemanticVersion low = lowest(v);
        return new VersionRequirement(
            text,
            low,
            v.length == 3
                ? new SemanticVersion(v[0], v[1] + 1, 0)
                : new SemanticVersion(v[0] + 1, 0, 0));
      }
      if (text.startsWith("^")) {
        int[] v = parts(text.substring(1));
        return new VersionRequirement(text, lowest(v), new SemanticVersion(v[0] + 1, 0, 0));
      }
      if (text.startsWith(">=")) {
        return new VersionRequirement(text, lowest(parts(text.substring(2))), null);
      }
      int[] v = parts(text);
      if (v.length == 1) {
        return major(v[0]);
      }
      if (v.length == 3) {
        SemanticVersion exact = lowest(v);
        return new VersionRequirement(text, exact, new SemanticVersion(v[0], v[1], v[2] + 1));
      }
    } catch (IllegalArgumentException e) {
      // reported below, with every accepted form
    }
    throw new IllegalArgumentException(
        "version requirement '" + text + "' is not one of the accepted forms: " + FORMS);
  }

  /** {@code 1}, {@code 1.2} or {@code 1.2.3}, major at least 1. */
  private static int[] parts(String text) {
    String[] p = text.trim().split("\\.", -1);
    if (p.length > 3 || text.isBlank()) {
      throw new IllegalArgumentException(text);
    }
    int[] v = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      v[i] = SemanticVersion.number(p[i], text);
    }
    if (v[0] < 1) {
      throw new IllegalArgumentException(text);
    }
    return v;
  }

  private static SemanticVersion lowest(int[] v) {
    return new SemanticVersion(v[0], v.length > 1 ? v[1] : 0, v.length > 2 ? v[2] : 0);
  }

  /** Whether {@code version} satisfies this requirement. */
  public boolean admits(SemanticVersion version) {
    return version.compareTo(lowest) >= 0 && (below == null || version.compareTo(below) < 0);
  }

  /** Whether some version of major {@code major} may satisfy this requirement. */
  public boolean admitsMajor(int major) {
    return major >= lowest.major()
        && (below == null || new SemanticVersion(major, 0, 0).compareTo(below) < 0);
  }

  /** Whether this is a plain major ({@code 2}): routed to that major's queue as before. */
  public boolean plainMajor() {
    return below != null
        && lowest.minor() == 0
        && lowest.patch() == 0
        && below.equals(new SemanticVersion(lowest.major() + 1, 0, 0))
        && text.equals(Integer.toString(lowest.major()));
  }

  /** The range in plain words: {@code >= 1.2.0, < 2.0.0}. */
  public String range() {
    return ">= " + lowest + (below == null ? "" : ", < " + below);
  }

  /** As written: {@code ~> 1.2}. */
  @Override
  public String toString() {
    return text;
  }
}
