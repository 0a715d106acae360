package io.phaseflow.cli;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.ServerUrl;
import io.phaseflow.engine.redis.RedisSettings;
import io.phaseflow.engine.transport.AmqpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where Redis and RabbitMQ are: options shared by the cluster commands. */
final class ServerOptions {
  static final String REDIS_PASSWORD_ENV = "PHASEFLOW_REDIS_PASSWORD";
  static final String AMQP_PASSWORD_ENV = "PHASEFLOW_AMQP_PASSWORD";

  @Option(
      names = "--redis",
      paramLabel = "URL",
      description = {
        "Redis URL, or a Redis Cluster's seed nodes redis://h1:7001,h2:7002",
        "(default: $PHASEFLOW_REDIS_URL, else redis://127.0.0.1:6379)"
      })
  String redis;

  @Option(
      names = "--redis-password-file",
      paramLabel = "FILE",
      description = {
        "read the Redis password from FILE (else $PHASEFLOW_REDIS_PASSWORD, else the URL's):",
        "a password in --redis is visible to every user in ps"
      })
  Path redisPasswordFile;

  @Option(
      names = "--amqp",
      paramLabel = "URL",
      description = {
        "RabbitMQ URL (default: $PHASEFLOW_AMQP_URL, else amqp://guest:guest@127.0.0.1:5672);",
        "a cluster's nodes as a list: amqp://user:pass@h1:5672,h2:5672,h3:5672/vhost"
      })
  String amqp;

  @Option(
      names = "--amqp-password-file",
      paramLabel = "FILE",
      description =
          "read the RabbitMQ password from FILE (else $PHASEFLOW_AMQP_PASSWORD, else the URL's)")
  Path amqpPasswordFile;

  @Option(
      names = "--quorum",
      description = {
        "create the namespace's queues as quorum queues (for a RabbitMQ cluster); only the",
        "first process to declare them chooses: the others follow the type they have"
      })
  boolean quorum;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      converter = NamespaceConverter.class,
      description = {
        "keep this cluster apart from others on the same servers: Redis keys under NAME",
        "instead of pf, queues named NAME.phaseflow.*; 1 to 64 letters, digits, _ or -"
      })
  String namespace;

  /** Picocli reports a refused namespace as an invalid option value (exit 2, with the usage). */
  static final class NamespaceConverter implements ITypeConverter<String> {
    @Override
    public String convert(String name) {
      try {
        return checkNamespace(name);
      } catch (PhaseflowException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /**
   * A namespace is a key prefix and a queue-name prefix, so it may hold neither {@code :} nor
   * {@code .} (namespace {@code a} would then own the keys or queues of {@code a:b} or {@code
   * a.b}), and it cannot be {@code pf}, the prefix of the default cluster's keys.
   */
  static String checkNamespace(String name) {
    if (!NAMESPACE.matcher(name).matches()) {
      throw new RejectedInput(
          "'"
              + (name.length() > 64 ? name.substring(0, 64) + "…" : name)
              + "': use 1 to 64 letters, digits, _ or - (it prefixes Redis keys and queue names,"
              + " so ':' or '.' would let one namespace reach into another's)");
    }
    if (name.equals(Cluster.KEY_PREFIX)) {
      throw new RejectedInput(
          "'"
              + name
              + "' is the default cluster's key prefix; leave --namespace out to use the default"
              + " cluster, or pick another name");
    }
    return name;
  }

  /**
   * The Redis URL chosen as documented (the option, else $PHASEFLOW_REDIS_URL, else the default),
   * for a process that passes it on as it is.
   */
  String redisUrl() {
    return ServerUrl.choose(
        redis, System.getenv(RedisSettings.ENV_VARIABLE), RedisSettings.DEFAULT_URL);
  }

  /** The AMQP URL chosen as {@link #redisUrl} chooses Redis's. */
  String amqpUrl() {
    return ServerUrl.choose(
        amqp, System.getenv(AmqpSettings.ENV_VARIABLE), AmqpSettings.DEFAULT_URL);
  }

  /** The Redis URL chosen as documented, with the password from a file or variable if given. */
  RedisSettings redisSettings() {
    Map<String, String> env = System.getenv();
    RedisSettings settings =
        RedisSettings.parse(
            ServerUrl.choose(
                redis, env.get(RedisSettings.ENV_VARIABLE), RedisSettings.DEFAULT_URL));
    String password =
        password("--redis-password-file", redisPasswordFile, env.get(REDIS_PASSWORD_ENV));
    return password == null ? settings : settings.withPassword(password);
  }

  /** The RabbitMQ URL chosen as documented, with the password from a file or variable if given. */
  AmqpSettings amqpSettings() {
    Map<String, String> env = System.getenv();
    AmqpSettings settings =
        AmqpSettings.parse(
            ServerUrl.choose(amqp, env.get(AmqpSettings.ENV_VARIABLE), AmqpSettings.DEFAULT_URL));
    String password =
        password("--amqp-password-file", amqpPasswordFile, env.get(AMQP_PASSWORD_ENV));
    return password == null ? settings : settings.withPassword(password);
  }

  /** The file's content without its final line break, else the variable's value, else null. */
  static String password(String option, Path file, String envValue) {
    if (file == null) {
      return envValue == null || envValue.isEmpty() ? null : envValue;
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new RejectedInput(option + " " + file + ": no such file");
    } catch (IOException e) {
      throw new RejectedInput(
          option + " " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    String password = text.replaceFirst("\\r?\\n$", "");
    if (password.isEmpty() || password.contains("\n")) {
      throw new RejectedInput(option + " " + file + ": expected the password alone on one line");
    }
    return password;
  }
}
