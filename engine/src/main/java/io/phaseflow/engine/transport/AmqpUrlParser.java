package io.phaseflow.engine.transport;

import com.rabbitmq.client.Address;
import io.phaseflow.engine.ServerAddress;
import io.phaseflow.engine.ServerUrl;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code amqp://} and {@code amqps://} URLs for {@link AmqpSettings} through the shared
 * {@link ServerUrl} parser, whose errors never show the password. The host may be a comma-separated
 * list of the nodes of a cluster, {@code amqp://u:p@h1:5672,h2:5673/vhost}: each is read as if it
 * were the URL's only host, and they share the user, password and vhost.
 */
final class AmqpUrlParser {
  private static final ServerUrl.Kind KIND =
      new ServerUrl.Kind("RabbitMQ", "amqp://127.0.0.1:5672", false);

  private AmqpUrlParser() {}

  static AmqpSettings parse(String input) {
    int schemeEnd = input.indexOf("://");
    int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
    int at = input.lastIndexOf('@');
    if (at >= start) {
      start = at + 1;
    }
    int slash = input.indexOf('/', start);
    int end = slash < 0 ? input.length() : slash;
    String[] hosts = input.substring(start, end).split(",", -1);
    ServerAddress first = null;
    String vhost = null;
    List<Address> nodes = new ArrayList<>();
    for (String host : hosts) {
      String one = input.substring(0, start) + host + input.substring(end);
      ServerUrl url = ServerUrl.parse(one, KIND);
      if (!"amqp".equals(url.scheme()) && !"amqps".equals(url.scheme())) {
        throw ServerUrl.malformed(
            input, KIND, "it must start with amqp:// or amqps://", "write e.g. amqp://host:5672/");
      }
      int port = url.port() < 0 ? (url.scheme().equals("amqps") ? 5671 : 5672) : url.port();
      if (first == null) {
        first =
            new ServerAddress(KIND, url.scheme(), url.user(), url.password(), url.host(), port, "");
        vhost = url.path().isEmpty() ? "/" : ServerUrl.decode(input, KIND, url.path(), "vhost");
      }
      Address node = new Address(url.host(), port);
      if (nodes.contains(node)) {
        throw ServerUrl.malformed(
            input,
            KIND,
            "node " + url.host() + ":" + port + " is listed twice",
            "list each node of the cluster once, e.g. amqp://h1:5672,h2:5672/");
      }
      nodes.add(node);
    }
    return AmqpSettings.of(first, vhost, nodes);
  }
}
