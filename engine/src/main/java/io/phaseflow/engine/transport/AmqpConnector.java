package io.phaseflow.engine.transport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.recovery.RecordedConsumer;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.ServerUnavailable;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * Opens the first connection with bounded retry: automatic recovery only covers connections that
 * were up once. With a cluster's node list the client tries the nodes in a shuffled order on every
 * attempt, which spreads the processes over the nodes. Stateless.
 */
final class AmqpConnector {
  private static final long MAX_DELAY_MILLIS = 2000;

  private AmqpConnector() {}

  /**
   * A factory for {@code settings} with automatic connection and topology recovery every second,
   * except for consumers: their subscription starts them again on a new channel until that works
   * ({@link RabbitSubscription#replaceLost()}), where the client tries once, and on a cluster that
   * lost a node the queue's new leader may not be elected yet, which left the consumer gone.
   */
  static ConnectionFactory factory(AmqpSettings settings) {
    ConnectionFactory factory = new ConnectionFactory();
    settings.configure(factory);
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setTopologyRecoveryFilter(
        new TopologyRecoveryFilter() {
          @Override
          public boolean filterConsumer(RecordedConsumer consumer) {
            return false;
          }
        });
    factory.setNetworkRecoveryInterval(1000);
    factory.setConnectionTimeout(5000);
    factory.setExceptionHandler(new OneLineExceptionHandler(settings.redacted()));
    return factory;
  }

  static Connection connect(
      ConnectionFactory factory,
      ExecutorService consumerThreads,
      AmqpSettings settings,
      int attempts,
      long initialDelayMillis) {
    long delay = initialDelayMillis;
    Exception last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        sleep(delay, settings);
        delay = Math.min(delay * 2, MAX_DELAY_MILLIS);
      }
      try {
        return factory.newConnection(
            consumerThreads, settings.addresses(), settings.connectionName());
      } catch (AuthenticationFailureException e) {
        throw new RejectedInput(
            "RabbitMQ at "
                + settings.redacted()
                + " refused the user name or password; check the credentials in the URL");
      } catch (IOException | TimeoutException e) {
        if (refusal(e) != null) {
          throw new RejectedInput(
              "RabbitMQ at "
                  + settings.redacted()
                  + " refused the connection ("
                  + settings.scrub(refusal(e))
                  + "); check the vhost and the user's permissions");
        }
        last = e;
      }
    }
    throw new ServerUnavailable(
        "cannot reach RabbitMQ at "
            + settings.redacted()
            + " after "
            + attempts
            + " attempt"
            + (attempts == 1 ? "" : "s")
            + " ("
            + settings.scrub(rootMessage(last))
            + "); is it running? check the URL (set "
            + AmqpSettings.ENV_VARIABLE
            + ")",
        last);
  }

  /**
   * The broker answered with a close naming its reason (e.g. an unknown vhost): retrying won't
   * help. A connection dropped without one ("connection error") is a broker still booting or going
   * down, which is worth waiting out.
   */
  private static String refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException s
          && !s.isInitiatedByApplication()
          && s.getReason() instanceof AMQP.Connection.Close) {
        return s.getMessage();
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static void sleep(long millis, AmqpSettings settings) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnavailable(
          "interrupted while waiting to reconnect to RabbitMQ at " + settings.redacted());
    }
  }
}
