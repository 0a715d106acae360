package io.phaseflow.engine.cli;

import picocli.CommandLine.Option;

/** Where Redis and RabbitMQ are: options shared by the cluster commands. */
final class ServerOptions {
  @Option(
      names = "--redis",
      paramLabel = "URL",
      description = "Redis URL (default: $PHASEFLOW_REDIS_URL, else redis://127.0.0.1:6379)")
  String redis;

  @Option(
      names = "--amqp",
      paramLabel = "URL",
      description =
          "RabbitMQ URL (default: $PHASEFLOW_AMQP_URL, else amqp://guest:guest@127.0.0.1:5672)")
  String amqp;

  @Option(names = "--quorum", description = "declare quorum queues (for a RabbitMQ cluster)")
  boolean quorum;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      description = {
        "keep this cluster apart from others on the same servers: Redis keys under NAME",
        "instead of pf, queues named NAME.phaseflow.*"
      })
  String namespace;
}
