package io.phaseflow.engine.transport;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.ServerAddress;
import io.phaseflow.engine.ServerUrl;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where and how to reach RabbitMQ: {@code amqp://[user:password@]host[:port][/vhost]}, {@code
 * amqps://...} for TLS. The vhost is percent-decoded ({@code %2F} is {@code /}); no path or an
 * empty one means {@code /}. Without user info the broker's default {@code guest} is used. The
 * password never appears in {@link #toString()}, {@link #redacted()} or an exception message.
 *
 * <p>The nodes of a cluster are listed as the host: {@code amqp://u:p@h1:5672,h2:5673,h3/vhost}.
 * The client connects to the first of them that answers (in a shuffled order, which spreads the
 * processes over the nodes) and, when that node is lost, recovers to another.
 *
 * <p>Also: the prefetch per consumer channel (default 100), whether queues are quorum queues
 * (default false: classic durable queues), the consumer thread pool size (default 0: one thread per
 * busy consumer channel) and the connection name shown in the management UI.
 *
 * <p>Immutable and thread-safe.
 */
public final class AmqpSettings {
  public static final String ENV_VARIABLE = "PHASEFLOW_AMQP_URL";
  public static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672";
  public static final int DEFAULT_PREFETCH = 100;
  static final String DEFAULT_CONNECTION_NAME = "phaseflow-engine";

  private final ServerAddress address; // the first node; the path is the encoded vhost
  private final List<Address> nodes; // every node, the first one included
  private final String vhost;
  private final int prefetch;
  private final boolean quorum;
  private final int consumerThreads;
  private final String connectionName;

  private AmqpSettings(
      ServerAddress address,
      List<Address> nodes,
      String vhost,
      int prefetch,
      boolean quorum,
      int consumerThreads,
      String connectionName) {
    this.address = address;
    this.nodes = List.copyOf(nodes);
    this.vhost = vhost;
    this.prefetch = prefetch;
    this.quorum = quorum;
    this.consumerThreads = consumerThreads;
    this.connectionName = connectionName;
  }

  private AmqpSettings(AmqpSettings s, int prefetch, boolean quorum, int threads, String name) {
    this(s.address, s.nodes, s.vhost, prefetch, quorum, threads, name);
  }

  /** Settings with the defaults for everything but the address and credentials. */
  static AmqpSettings of(ServerAddress address, String vhost) {
    return of(address, vhost, List.of(new Address(address.host(), address.port())));
  }

  /** As above, for a cluster whose nodes are {@code nodes} ({@code address} is the first). */
  static AmqpSettings of(ServerAddress address, String vhost, List<Address> nodes) {
    return new AmqpSettings(
        address.withPath(vhost.replace("%", "%25").replace("/", "%2F")),
        nodes,
        vhost,
        DEFAULT_PREFETCH,
        false,
        0,
        DEFAULT_CONNECTION_NAME);
  }

  /**
   * Parses an AMQP URL.
   *
   * @throws RejectedInput naming the redacted URL and what is wrong with it
   */
  public static AmqpSettings parse(String url) {
    if (url == null || url.isBlank()) {
      throw new RejectedInput(
          "RabbitMQ URL is empty; expected amqp://user:password@host:port/vhost");
    }
    return AmqpUrlParser.parse(url.strip());
  }

  /** The CLI value if given, else {@code PHASEFLOW_AMQP_URL}, else {@value #DEFAULT_URL}. */
  public static AmqpSettings fromEnvironment(String cliValue) {
    return fromEnvironment(cliValue, System.getenv(ENV_VARIABLE));
  }

  static AmqpSettings fromEnvironment(String cliValue, String envValue) {
    return parse(ServerUrl.choose(cliValue, envValue, DEFAULT_URL));
  }

  /**
   * The same settings with {@code password} instead of the URL's: read from a file or the
   * environment, so that it is not on a command line for {@code ps} to show.
   */
  public AmqpSettings withPassword(String password) {
    return new AmqpSettings(
        address.withPassword(password),
        nodes,
        vhost,
        prefetch,
        quorum,
        consumerThreads,
        connectionName);
  }

  /** Unacknowledged messages each consumer channel may hold (basic.qos). */
  public AmqpSettings withPrefetch(int prefetch) {
    if (prefetch < 1 || prefetch > 65535) {
      throw address.invalid("prefetch must be from 1 to 65535, not " + prefetch);
    }
    return new AmqpSettings(this, prefetch, quorum, consumerThreads, connectionName);
  }

  /**
   * Create a namespace's queues as quorum queues (replicated, leaders balanced over the nodes;
   * RabbitMQ 3.10+) instead of classic ones. It decides only when the namespace has no queues yet:
   * after that every process follows the type its queues have ({@link QueueDeclarer}).
   */
  public AmqpSettings withQuorumQueues(boolean quorum) {
    return new AmqpSettings(this, prefetch, quorum, consumerThreads, connectionName);
  }

  /**
   * Threads that run consumers, shared by all subscriptions of a bus; 0 (the default) starts one
   * per busy consumer channel. A positive number caps how many consumers run at once.
   */
  public AmqpSettings withConsumerThreads(int threads) {
    if (threads < 0) {
      throw new RejectedInput(
          "consumer threads must be 0 (one per channel) or more, not " + threads);
    }
    return new AmqpSettings(this, prefetch, quorum, threads, connectionName);
  }

  /** The connection name shown by the broker, e.g. the process's role. */
  public AmqpSettings withConnectionName(String name) {
    if (name == null || name.isBlank()) {
      throw new RejectedInput("connection name must not be blank");
    }
    return new AmqpSettings(this, prefetch, quorum, consumerThreads, name);
  }

  public boolean tls() {
    return address.scheme().equals("amqps");
  }

  public String host() {
    return address.host();
  }

  public int port() {
    return address.port();
  }

  /** The nodes as {@code host:port}, in the order given; one for a single broker. */
  public List<String> nodes() {
    return nodes.stream().map(a -> a.getHost() + ":" + a.getPort()).toList();
  }

  /** The nodes to connect to, for {@code ConnectionFactory.newConnection}. */
  List<Address> addresses() {
    return nodes;
  }

  public String vhost() {
    return vhost;
  }

  public int prefetch() {
    return prefetch;
  }

  public boolean quorumQueues() {
    return quorum;
  }

  public int consumerThreads() {
    return consumerThreads;
  }

  public String connectionName() {
    return connectionName;
  }

  /** Sets address, vhost, credentials and TLS (default trust store, host name checked). */
  void configure(ConnectionFactory factory) {
    factory.setHost(address.host());
    factory.setPort(address.port());
    factory.setVirtualHost(vhost);
    if (address.user() != null) {
      factory.setUsername(address.user());
    }
    if (address.password() != null) {
      factory.setPassword(address.password());
    }
    if (tls()) {
      try {
        factory.useSslProtocol(SSLContext.getDefault());
      } catch (NoSuchAlgorithmException e) {
        throw new RejectedInput("this JVM has no TLS for " + redacted(), e);
      }
      factory.enableHostnameVerification();
    }
  }

  /** The URL in canonical form with the password shown as {@code ***}, every node listed. */
  public String redacted() {
    String first = address.redacted();
    if (nodes.size() == 1) {
      return first;
    }
    int path = first.length() - address.path().length() - 1;
    StringBuilder out = new StringBuilder(first.substring(0, path));
    for (Address node : nodes.subList(1, nodes.size())) {
      String host = node.getHost();
      out.append(',').append(host.contains(":") ? "[" + host + "]" : host);
      out.append(':').append(node.getPort());
    }
    return out.append(first.substring(path)).toString();
  }

  /** Replaces every occurrence of the password in a text, e.g. a client's error message. */
  String scrub(String text) {
    return address.scrub(text);
  }

  @Override
  public String toString() {
    return redacted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmqpSettings s
        && address.equals(s.address)
        && nodes.equals(s.nodes)
        && prefetch == s.prefetch
        && quorum == s.quorum
        && consumerThreads == s.consumerThreads
        && connectionName.equals(s.connectionName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, nodes, prefetch, quorum, consumerThreads, connectionName);
  }
}
