package io.phaseflow.engine.transport;

import com.rabbitmq.client.ConnectionFactory;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.ServerAddress;
import io.phaseflow.engine.ServerUrl;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where and how to reach RabbitMQ: {@code amqp://[user:password@]host[:port][/vhost]}, {@code
 * amqps://...} for TLS. The vhost is percent-decoded ({@code %2F} is {@code /}); no path or an
 * empty one means {@code /}. Without user info the broker's default {@code guest} is used. The
 * password never appears in {@link #toString()}, {@link #redacted()} or an exception message.
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

  private final ServerAddress address; // the path is the encoded vhost
  private final String vhost;
  private final int prefetch;
  private final boolean quorum;
  private final int consumerThreads;
  private final String connectionName;

  private AmqpSettings(
      ServerAddress address,
      String vhost,
      int prefetch,
      boolean quorum,
      int consumerThreads,
      String connectionName) {
    this.address = address;
    this.vhost = vhost;
    this.prefetch = prefetch;
    this.quorum = quorum;
    this.consumerThreads = consumerThreads;
    this.connectionName = connectionName;
  }

  private AmqpSettings(AmqpSettings s, int prefetch, boolean quorum, int threads, String name) {
    this(s.address, s.vhost, prefetch, quorum, threads, name);
  }

  /** Settings with the defaults for everything but the address and credentials. */
  static AmqpSettings of(ServerAddress address, String vhost) {
    return new AmqpSettings(
        address.withPath(vhost.replace("%", "%25").replace("/", "%2F")),
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
        address.withPassword(password), vhost, prefetch, quorum, consumerThreads, connectionName);
  }

  /** Unacknowledged messages each consumer channel may hold (basic.qos). */
  public AmqpSettings withPrefetch(int prefetch) {
    if (prefetch < 1 || prefetch > 65535) {
      throw address.invalid("prefetch must be from 1 to 65535, not " + prefetch);
    }
    return new AmqpSettings(this, prefetch, quorum, consumerThreads, connectionName);
  }

  /** Declare queues as quorum queues (replicated; RabbitMQ 3.8+) instead of classic ones. */
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

  /** The URL in canonical form with the password shown as {@code ***}. */
  public String redacted() {
    return address.redacted();
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
        && prefetch == s.prefetch
        && quorum == s.quorum
        && consumerThreads == s.consumerThreads
        && connectionName.equals(s.connectionName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, prefetch, quorum, consumerThreads, connectionName);
  }
}
