package io.phaseflow.engine.transport;

import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * amqp-client's forgiving handler (connection and topology recovery go on), logging each event on
 * one line naming the broker, instead of a stack trace for a dropped connection: a broker restart
 * is an expected event, and the CLI's own message says what it meant for the command.
 */
final class OneLineExceptionHandler extends ForgivingExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(RabbitBus.class);
  private final String where;

  OneLineExceptionHandler(String where) {
    this.where = where;
  }

  @Override
  protected void log(String message, Throwable e) {
    log.warn("RabbitMQ at {}: {} ({})", where, message, e.toString());
  }
}
