package io.phaseflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** For tests of the command line: runs {@code phaseflow} in-process and keeps what it printed. */
abstract class CliCapture {
  /** What the last run printed to standard output and standard error. */
  protected String out = "";

  protected String err = "";

  /** Runs the command with {@code args}; returns its exit code. */
  protected int phaseflow(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = PhaseflowCommand.execute(new PrintWriter(o), new PrintWriter(e), args);
    out = o.toString();
    err = e.toString();
    return code;
  }
}
