package io.phaseflow.cli;

import io.phaseflow.engine.testing.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** For tests of the command line: runs {@code phaseflow} in-process and keeps what it printed. */
abstract class CliCapture {
  /** What the last run printed to standard output and standard error. */
  protected String out = "";

  protected String err = "";

  /** Runs the command with {@code args}; returns its exit code. */
  protected int phaseflow(String... args) {
    return run(args);
  }

  /**
   * Runs the command on the test servers' Redis (test database) and RabbitMQ, under {@code
   * namespace}: what a test of a cluster command overrides {@link #phaseflow} with.
   */
  protected int onTestServers(String namespace, String... args) {
    return run(withTestServers(namespace, args));
  }

  /**
   * {@code args} followed by the test servers' {@code --redis}, {@code --amqp}, {@code
   * --namespace}.
   */
  static String[] withTestServers(String namespace, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--redis",
            TestServers.redisUrlOnTestDatabase(),
            "--amqp",
            TestServers.amqpUrl(),
            "--namespace",
            namespace));
    return all.toArray(String[]::new);
  }

  private int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = PhaseflowCommand.execute(new PrintWriter(o), new PrintWriter(e), args);
    out = o.toString();
    err = e.toString();
    return code;
  }
}
