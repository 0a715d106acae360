package io.phaseflow.engine.testing;

import io.phaseflow.engine.redis.RedisSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The Redis and RabbitMQ servers of the integration tests, chosen in this order: the environment
 * ({@code PHASEFLOW_REDIS_URL}, {@code PHASEFLOW_AMQP_URL}), else a Testcontainers container when
 * Docker is available (started once per JVM, stopped by Testcontainers' reaper), else the local
 * defaults on 127.0.0.1. The chosen server is then probed; when it does not answer the call fails
 * with how to start it, in CI and locally alike: a skipped integration test reads as a passed one.
 * Only for the integration tier (*IT): in the unit tier every call fails ({@link TestTier}).
 *
 * <p>Thread-safe: the choice is made once, under a lock.
 */
public final class TestServers {
  public static final String REDIS_ENV = RedisSettings.ENV_VARIABLE;
  public static final String AMQP_ENV = "PHASEFLOW_AMQP_URL";
  static final String LOCAL_REDIS = "redis://127.0.0.1:6379";
  static final String LOCAL_AMQP = "amqp://guest:guest@127.0.0.1:5672";
  private static final int TEST_DATABASE = 15;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private static String redisUrl;
  private static String amqpUrl;

  private TestServers() {}

  /** A Redis URL that answered a TCP probe. */
  public static synchronized String redisUrl() {
    TestTier.requireIntegrationTier("Redis");
    if (redisUrl == null) {
      String url = choose(REDIS_ENV, LOCAL_REDIS, Containers::redisUrl);
      RedisSettings settings = RedisSettings.parse(url);
      probe("Redis", settings.redacted(), settings.host(), settings.port(), redisHowTo());
      redisUrl = url;
    }
    return redisUrl;
  }

  /** An AMQP URL that answered a TCP probe. */
  public static synchronized String amqpUrl() {
    TestTier.requireIntegrationTier("RabbitMQ");
    if (amqpUrl == null) {
      String url = choose(AMQP_ENV, LOCAL_AMQP, Containers::amqpUrl);
      URI uri = URI.create(url);
      int port = uri.getPort() > 0 ? uri.getPort() : "amqps".equals(uri.getScheme()) ? 5671 : 5672;
      probe("RabbitMQ", redactAmqp(uri), uri.getHost(), port, amqpHowTo());
      amqpUrl = url;
    }
    return amqpUrl;
  }

  /** The Redis database the tests use, so that they never touch data in database 0. */
  public static int redisDatabase() {
    return TEST_DATABASE;
  }

  /** Settings for {@link #redisUrl()} on {@link #redisDatabase()}. */
  public static RedisSettings redisSettings() {
    return RedisSettings.parse(redisUrl()).withDatabase(TEST_DATABASE);
  }

  /** The Redis URL on the test database, password included: for commands run by tests. */
  public static String redisUrlOnTestDatabase() {
    String base = redisUrl();
    String db = "/" + TEST_DATABASE;
    return base.matches(".*/\\d+$") ? base.replaceAll("/\\d+$", db) : base + db;
  }

  private static String choose(String env, String local, Supplier<String> container) {
    String fromEnv = System.getenv(env);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    return dockerAvailable() ? container.get() : local;
  }

  /**
   * Asks Testcontainers only when a Docker endpoint is plausible: without one, isDockerAvailable()
   * logs an ERROR with a stack trace in every test run.
   */
  private static boolean dockerAvailable() {
    boolean plausible =
        System.getenv("DOCKER_HOST") != null
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run/docker.sock"))
            || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    return plausible && DockerClientFactory.instance().isDockerAvailable();
  }

  private static void probe(String what, String shownUrl, String host, int port, String howTo) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
    } catch (IOException e) {
      boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
      throw new IllegalStateException(
          what
              + " does not answer at "
              + shownUrl
              + " ("
              + e.getMessage()
              + "). Integration tests need it"
              + (ci ? " in CI (CI=true) and never skip" : " and fail rather than skip")
              + ". Start it with: "
              + howTo
              + ", run ./phaseflow-test (it installs and starts both where missing), or point "
              + (what.equals("Redis") ? REDIS_ENV : AMQP_ENV)
              + " at a running server.");
    }
  }

  private static String redisHowTo() {
    return "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\""
        + " --appendonly no";
  }

  private static String amqpHowTo() {
    return "rabbitmq-server -detached";
  }

  /** The URL with the password (after "user:") shown as ***. */
  static String redactAmqp(URI uri) {
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || !userInfo.contains(":")) {
      return uri.toString();
    }
    String shown = userInfo.substring(0, userInfo.indexOf(':')) + ":***";
    return uri.toString().replace(userInfo + "@", shown + "@");
  }

  /** Loaded only when Docker is available, so Testcontainers stays untouched otherwise. */
  private static final class Containers {
    private static GenericContainer<?> redis;
    private static GenericContainer<?> rabbit;

    static synchronized String redisUrl() {
      if (redis == null) {
        redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        redis.start();
      }
      return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }

    // A GenericContainer rather than the testcontainers-rabbitmq module: all we need is a port.
    static synchronized String amqpUrl() {
      if (rabbit == null) {
        rabbit =
            new GenericContainer<>("rabbitmq:3-management-alpine")
                .withExposedPorts(5672)
                .waitingFor(Wait.forLogMessage(".*Server startup complete.*", 1));
        rabbit.start();
      }
      return "amqp://guest:guest@" + rabbit.getHost() + ":" + rabbit.getMappedPort(5672);
    }
  }
}
