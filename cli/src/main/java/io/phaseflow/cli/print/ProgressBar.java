package io.phaseflow.cli.print;

/** A text progress bar such as {@code [##########----------]}. Pure. */
final class ProgressBar {
  static final int WIDTH = 20;

  private ProgressBar() {}

  /**
   * {@code done} of {@code total} as a bar {@code width} characters wide between brackets. The bar
   * is full only when everything is done: partial progress rounds down. With nothing to do (total
   * 0) the bar is full.
   */
  static String of(int done, int total, int width) {
    if (width < 1) {
      throw new IllegalArgumentException(
          "a progress bar needs a width of at least 1, not " + width);
    }
    int filled;
    if (total <= 0) {
      filled = width;
    } else {
      filled = (int) ((long) Math.min(Math.max(done, 0), total) * width / total);
    }
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
  }

  static String of(int done, int total) {
    return of(done, total, WIDTH);
  }
}
