package io.phaseflow.engine.definition;

/**
 * A handler's full version, {@code MAJOR.MINOR.PATCH}, ordered numerically (1.10.0 after 1.9.0).
 *
 * @param major the major version: the one in the handler's queue name
 * @param minor compatible additions
 * @param patch fixes
 */
public record SemanticVersion(int major, int minor, int patch)
    implements Comparable<SemanticVersion> {

  public SemanticVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException(
          "version " + major + "." + minor + "." + patch + " has a negative part");
    }
  }

  /**
   * Parses {@code 1.4.2}.
   *
   * @throws IllegalArgumentException naming the text when it is not three non-negative integers
   */
  public static SemanticVersion parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "version '" + text + "' is not MAJOR.MINOR.PATCH; write e.g. 1.4.2");
    }
    return new SemanticVersion(
        number(parts[0], text), number(parts[1], text), number(parts[2], text));
  }

  /** A part of a version: digits, no sign, at most 9 of them. */
  static int number(String part, String text) {
    if (!part.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException(
          "version '" + text + "' has '" + part + "' where a number belongs; write e.g. 1.4.2");
    }
    return Integer.parseInt(part);
  }

  @Override
  public int compareTo(SemanticVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  /** {@code 1.4.2}. */
  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
