package io.phaseflow.engine.definition;

import java.util.regex.Pattern;

/**
 * The one rule for workflow, phase, handler and task names: printable and bounded, so that a name
 * reads the same in a terminal, a queue name, a Redis key and a JSONPath, and cannot be invisible
 * (U+200B) or huge.
 */
final class Names {
  static final int MAX_LENGTH = 128;
  static final String RULE =
      "letters, digits, '_', '.', '-', at most " + MAX_LENGTH + " characters";

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final int SHOWN = 40;

  private Names() {}

  /**
   * Records an error when {@code name} breaks the rule.
   *
   * @param what how the message names it, e.g. "phase name" or "handler name"
   * @return whether the name is fine
   */
  static boolean check(String name, String what, String path, ErrorCollector errors) {
    if (name.length() > MAX_LENGTH) {
      errors.add(
          path,
          what
              + " '"
              + shown(name)
              + "' is "
              + name.length()
              + " characters long; names are "
              + RULE,
          "shorten it to at most " + MAX_LENGTH + " characters");
      return false;
    }
    if (!ALLOWED.matcher(name).matches()) {
      errors.add(
          path,
          what + " '" + shown(name) + "' has " + firstBadCharacter(name) + "; names are " + RULE,
          suggestion(name));
      return false;
    }
    return true;
  }

  /** The name as messages show it: short, and with invisible characters spelled out. */
  static String shown(String name) {
    String head = name.length() > SHOWN ? name.substring(0, SHOWN - 3) : name;
    StringBuilder out = new StringBuilder();
    head.codePoints()
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
              } else {
                out.append(String.format("<U+%04X>", c));
              }
            });
    return name.length() > SHOWN ? out + "..." : out.toString();
  }

  private static String firstBadCharacter(String name) {
    int c =
        name.codePoints()
            .filter(cp -> !ALLOWED.matcher(new String(Character.toChars(cp))).matches())
            .findFirst()
            .orElse('?');
    String printable = c >= 0x20 && c < 0x7f ? "'" + (char) c + "' " : "";
    return "the character " + printable + String.format("U+%04X", c);
  }

  private static String suggestion(String name) {
    String cleaned = name.strip().replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^-+|-+$", "");
    return cleaned.isEmpty()
        ? "give it a name made of " + RULE
        : "rename it, e.g. '" + shown(cleaned) + "'";
  }
}
