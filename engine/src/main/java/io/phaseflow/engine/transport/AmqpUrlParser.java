package io.phaseflow.engine.transport;

import io.phaseflow.engine.ServerAddress;
import io.phaseflow.engine.ServerUrl;

/**
 * Reads {@code amqp://} and {@code amqps://} URLs for {@link AmqpSettings} through the shared
 * {@link ServerUrl} parser, whose errors never show the password.
 */
final class AmqpUrlParser {
  private static final ServerUrl.Kind KIND =
      new ServerUrl.Kind("RabbitMQ", "amqp://127.0.0.1:5672", false);

  private AmqpUrlParser() {}

  static AmqpSettings parse(String input) {
    ServerUrl url = ServerUrl.parse(input, KIND);
    if (!"amqp".equals(url.scheme()) && !"amqps".equals(url.scheme())) {
      throw ServerUrl.malformed(
          input, KIND, "it must start with amqp:// or amqps://", "write e.g. amqp://host:5672/");
    }
    int port = url.port() < 0 ? (url.scheme().equals("amqps") ? 5671 : 5672) : url.port();
    String vhost = url.path().isEmpty() ? "/" : ServerUrl.decode(input, KIND, url.path(), "vhost");
    return AmqpSettings.of(
        new ServerAddress(KIND, url.scheme(), url.user(), url.password(), url.host(), port, ""),
        vhost);
  }
}
