package io.phaseflow.engine.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code phaseflow handlers} process started from this JVM's classpath, stopped with SIGTERM. */
final class HandlerProcess implements AutoCloseable {
  private final Process process;

  private HandlerProcess(Process process) {
    this.process = process;
  }

  static HandlerProcess start(
      String namespace, String handler, int instances, String redisUrl, String amqpUrl)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "io.phaseflow.engine.cli.PhaseflowCommand",
            "handlers",
            "--queue",
            handler,
            "--instances",
            Integer.toString(instances),
            "--namespace",
            namespace,
            "--redis",
            redisUrl,
            "--amqp",
            amqpUrl);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    // Ready once it says where its instances listen; anything else first is an error to show.
    StringBuilder seen = new StringBuilder();
    for (String line; (line = lines.readLine()) != null; ) {
      if (line.contains("instance(s) of " + handler)) {
        Thread drain = new Thread(() -> lines.lines().forEach(l -> {}), "handler-process-output");
        drain.setDaemon(true);
        drain.start();
        return new HandlerProcess(p);
      }
      seen.append(line).append('\n');
    }
    p.waitFor(5, TimeUnit.SECONDS);
    throw new IllegalStateException("the handler process exited before it was ready:\n" + seen);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: finishes what it holds
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
