package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.TimedOut;
import java.net.ConnectException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which server a failure is blamed on, as a table: exit 4 and "before SERVER failed" rest on it.
 */
class ServerFailureTest {
  private static final String REDIS = "Redis at redis://127.0.0.1:6379/0";
  private static final String RABBIT = "RabbitMQ at amqp://guest:***@127.0.0.1:5672/%2F";

  private record Row(Throwable failure, ServerFailure expected) {}

  @Test
  void failuresAreBlamedOnTheirServerOrOnNone() {
    Row[] table = {
      new Row(
          new RedisConnectionException("Connection closed prematurely"),
          new ServerFailure(REDIS, "Connection closed prematurely")),
      new Row(
          new RedisException("Currently not connected. Commands are rejected."),
          new ServerFailure(REDIS, "Currently not connected. Commands are rejected.")),
      new Row(
          new RedisCommandTimeoutException("Command timed out after 5 second(s)"),
          new ServerFailure(REDIS, "Command timed out after 5 second(s)")),
      new Row(
          new ServerUnavailable(
              "cannot reach Redis at redis://127.0.0.1:1/0 after 1 attempt",
              new RedisConnectionException(
                  "Unable to connect", new ConnectException("Connection refused"))),
          new ServerFailure(REDIS, "Connection refused")),
      new Row(
          new ServerUnavailable(
              "cannot reach RabbitMQ at amqp://127.0.0.1:1 after 1 attempt",
              new ConnectException("Connection refused")),
          new ServerFailure(RABBIT, "Connection refused")),
      new Row(
          new ServerUnavailable("publish to queue 'q' was not confirmed (the channel closed)"),
          new ServerFailure(RABBIT, "publish to queue 'q' was not confirmed (the channel closed)")),
      // A Redis Cluster between topologies (a master failing over): an outage, Redis's.
      new Row(
          new ServerUnavailable(
              "Redis at redis://127.0.0.1:7001/0 failed: CLUSTERDOWN The cluster is down",
              new RedisCommandExecutionException("CLUSTERDOWN The cluster is down")),
          new ServerFailure(REDIS, "CLUSTERDOWN The cluster is down")),
      new Row(
          new RedisCommandExecutionException("TRYAGAIN Multiple keys request during rehashing"),
          new ServerFailure(REDIS, "TRYAGAIN Multiple keys request during rehashing")),
      // An answer from Redis, not an outage: a retry will not help.
      new Row(new RedisCommandExecutionException("NOAUTH Authentication required."), null),
      new Row(new NotFound("no definition named 'x' is loaded"), null),
      // Retryable, but no server failed: waiting longer may see the workflow end.
      new Row(new TimedOut("workflow w still running after PT1S; last seen in phase 'a'"), null),
      new Row(new IllegalStateException("a bug"), null),
    };
    for (Row row : table) {
      assertThat(ServerFailure.of(row.failure(), REDIS, RABBIT))
          .as(row.failure().toString())
          .isEqualTo(Optional.ofNullable(row.expected()));
    }
  }
}
