package io.phaseflow.cli;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.ServerUnavailable;
import java.util.Optional;

/**
 * Which server a failure came from, if it is a server's: Redis (Lettuce's exceptions, or ours
 * caused by one) or RabbitMQ (any other {@link ServerUnavailable}: in the CLI, only the bus raises
 * those without a Lettuce cause). An error reply from Redis (a wrong password, a wrong type) is not
 * a server failure: trying again will not help; except the replies of a Redis Cluster between
 * topologies ({@code CLUSTERDOWN}, {@code TRYAGAIN}, {@code MASTERDOWN}, {@code LOADING}), which
 * pass once a failover is over. Pure.
 *
 * @param server e.g. {@code Redis at redis://127.0.0.1:6379/0}, without password
 * @param cause the innermost message: what went wrong, without password
 */
record ServerFailure(String server, String cause) {

  static Optional<ServerFailure> of(Throwable e, String redis, String rabbit) {
    PhaseflowException ours = first(e, PhaseflowException.class);
    RedisException lettuce = first(e, RedisException.class);
    if (lettuce != null
        && (!(lettuce instanceof RedisCommandExecutionException) || betweenTopologies(lettuce))) {
      return Optional.of(new ServerFailure(redis, root(e)));
    }
    if (ours instanceof ServerUnavailable) {
      return Optional.of(new ServerFailure(rabbit, root(e)));
    }
    if (first(e, com.rabbitmq.client.ShutdownSignalException.class) != null) {
      return Optional.of(new ServerFailure(rabbit, root(e)));
    }
    return Optional.empty();
  }

  private static boolean betweenTopologies(RedisException reply) {
    String message = String.valueOf(reply.getMessage());
    return message.startsWith("CLUSTERDOWN")
        || message.startsWith("TRYAGAIN")
        || message.startsWith("MASTERDOWN")
        || message.startsWith("LOADING");
  }

  private static <T extends Throwable> T first(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
