package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;

/** The phaseflow command run in the test's own process, for the tests that drive a cluster. */
final class InProcessCli {
  private InProcessCli() {}

  /** Runs {@code phaseflow ARGS}, which must exit 0; returns what it printed on stdout. */
  static String cli(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        PhaseflowCommand.execute(
            new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    assertThat(code).as("phaseflow %s\n%s%s", args, out, err).isZero();
    return out.toString();
  }

  /** {@code a} then {@code b}: a command's arguments, then the servers'. */
  static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
