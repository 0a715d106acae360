package io.phaseflow.bench;

import java.util.ArrayList;
import java.util.List;

/** The server kills of a chaos run and how long each server was gone. Not thread-safe. */
final class ServerKills {
  private final List<Double> rabbit = new ArrayList<>();
  private final List<Double> redis = new ArrayList<>();

  void rabbit(double secondsDown) {
    rabbit.add(secondsDown);
  }

  void redis(double secondsDown) {
    redis.add(secondsDown);
  }

  @Override
  public String toString() {
    return "RabbitMQ "
        + rabbit.size()
        + " (SIGKILL of its VM, restarted; down "
        + seconds(rabbit)
        + "), Redis "
        + redis.size()
        + " (SIGKILL, restarted from its AOF; down "
        + seconds(redis)
        + ")";
  }

  private static String seconds(List<Double> downs) {
    List<String> out = new ArrayList<>();
    downs.forEach(d -> out.add(String.format("%.1f s", d)));
    return out.isEmpty() ? "never" : String.join(", ", out);
  }
}
