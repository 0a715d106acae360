package io.phaseflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mechanism Redis and RabbitMQ settings share: {@link ServerUrl} and {@link ServerAddress}. */
class ServerUrlTest {
  private static final String SECRET = "Zq9-s3cr3t-pw";
  private static final ServerUrl.Kind REDIS =
      new ServerUrl.Kind("Redis", "redis://127.0.0.1:6379", true);
  private static final ServerUrl.Kind AMQP =
      new ServerUrl.Kind("RabbitMQ", "amqp://127.0.0.1:5672", false);

  /** input | scheme | user | password | host | port | path ("-" for null). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://h                 | redis | -     | -   | h         | -1   | -",
        "REDIS://h:1/2             | redis | -     | -   | h         | 1    | 2",
        "h:6380                    | -     | -     | -   | h         | 6380 | -",
        "amqp://u:p@h:5673/v%2Fx   | amqp  | u     | p   | h         | 5673 | v%2Fx",
        "amqp://u@h                | amqp  | u     | -   | h         | -1   | -",
        "amqp://:p@h               | amqp  | ''    | p   | h         | -1   | -",
        "amqp://u:p%40q@h          | amqp  | u     | p@q | h         | -1   | -",
        "amqp://u:p@x@h            | amqp  | u     | p@x | h         | -1   | -",
        "redis://[::1]:7/0         | redis | -     | -   | ::1       | 7    | 0",
        "redis://[fe80::1]         | redis | -     | -   | fe80::1   | -1   | -",
      })
  void parsesTheParts(
      String input,
      String scheme,
      String user,
      String password,
      String host,
      int port,
      String path) {
    ServerUrl url = ServerUrl.parse(input, AMQP);

    assertThat(url)
        .isEqualTo(
            new ServerUrl(
                orNull(scheme),
                orNull(user),
                orNull(password),
                host,
                port,
                path.equals("-") ? "" : path));
  }

  /** input | the message, in which the password never appears. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://u:"
            + SECRET
            + "@h?x=1 | malformed Redis URL 'redis://u:***@h?x=1': query parameters"
            + " are not supported (hint: remove everything after '?')",
        "redis://u:"
            + SECRET
            + "@h:0   | malformed Redis URL 'redis://u:***@h:0': port '0' is not a"
            + " number from 1 to 65535 (hint: write e.g. host:6379)",
        "redis://"
            + SECRET
            + "@:1      | malformed Redis URL 'redis://***@:1': no host (hint: write"
            + " e.g. redis://127.0.0.1:6379)",
        "redis://[::1:1                 | malformed Redis URL 'redis://[::1:1': IPv6 host has no"
            + " closing ']' (hint: write e.g. [::1]:port)",
        "redis://[::1]x                 | malformed Redis URL 'redis://[::1]x': unexpected 'x' after"
            + " the IPv6 host (hint: write [host]:port)",
        "redis://u:a%zz@h               | malformed Redis URL 'redis://u:***@h': the password has a"
            + " '%' that is not followed by two hex digits (hint: percent-encode special characters,"
            + " e.g. '%' as %25 and '/' as %2F)",
      })
  void malformedUrlsAreNamedRedacted(String input, String message) {
    assertThatThrownBy(() -> ServerUrl.parse(input, REDIS))
        .isInstanceOf(PhaseflowException.class)
        .hasMessage(message)
        .hasMessageNotContaining(SECRET);
  }

  /** input | Redis redaction | AMQP redaction: bare user info is a password only for Redis. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://h:1           | redis://h:1        | redis://h:1",
        "redis://u:pw@h:1      | redis://u:***@h:1  | redis://u:***@h:1",
        "redis://pw@h:1        | redis://***@h:1    | redis://pw@h:1",
        "u:pw@h                | u:***@h            | u:***@h",
        "amqp://u:p:w@x@h/v    | amqp://u:***@h/v   | amqp://u:***@h/v",
      })
  void redactsTheInput(String input, String redis, String amqp) {
    assertThat(ServerUrl.redact(input, REDIS)).isEqualTo(redis);
    assertThat(ServerUrl.redact(input, AMQP)).isEqualTo(amqp);
  }

  /** cli | env | chosen: the CLI wins, then a non-blank environment value, then the default. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "cli | env | cli",
        "cli | -   | cli",
        "''  | env | ''",
        "-   | env | env",
        "-   | ' ' | default",
        "-   | ''  | default",
        "-   | -   | default",
      })
  void choosesCliThenEnvironmentThenDefault(String cli, String env, String chosen) {
    assertThat(ServerUrl.choose(orNull(cli), orNull(env), "default")).isEqualTo(chosen);
  }

  /** kind | user | password | redacted: the canonical URL, the password as ***. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redis | -     | -  | redis://h:6379/0",
        "redis | -     | pw | redis://***@h:6379/0",
        "redis | alice | pw | redis://alice:***@h:6379/0",
        "amqp  | -     | -  | redis://h:6379/0",
        "amqp  | -     | pw | redis://h:6379/0",
        "amqp  | alice | -  | redis://alice@h:6379/0",
        "amqp  | alice | pw | redis://alice:***@h:6379/0",
      })
  void addressRedaction(String kind, String user, String password, String redacted) {
    ServerAddress address =
        new ServerAddress(
            kind.equals("redis") ? REDIS : AMQP,
            "redis",
            orNull(user),
            orNull(password),
            "h",
            6379,
            "0");

    assertThat(address.redacted()).isEqualTo(redacted);
    assertThat(address.toString()).isEqualTo(redacted);
  }

  @Test
  void addressShowsAnIpv6HostInBrackets() {
    ServerAddress address = new ServerAddress(AMQP, "amqps", null, null, "::1", 5671, "%2F");

    assertThat(address.redacted()).isEqualTo("amqps://[::1]:5671/%2F");
  }

  @Test
  void scrubHidesThePasswordWhereverItIs() {
    ServerAddress address = new ServerAddress(REDIS, "redis", "u", SECRET, "h", 1, "0");

    assertThat(address.scrub("AUTH " + SECRET + " failed; " + SECRET))
        .isEqualTo("AUTH *** failed; ***");
    assertThat(address.scrub(null)).isNull();
    assertThat(new ServerAddress(REDIS, "redis", null, null, "h", 1, "0").scrub("a text"))
        .isEqualTo("a text");
  }

  @Test
  void withPasswordKeepsTheUserAndRejectsAnEmptyOneNamingTheUrl() {
    ServerAddress address = new ServerAddress(AMQP, "amqp", "u", "old", "h", 1, "v");

    ServerAddress changed = address.withPassword(SECRET);
    assertThat(changed.user()).isEqualTo("u");
    assertThat(changed.password()).isEqualTo(SECRET);
    assertThat(changed.toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> changed.withPassword(""))
        .isInstanceOf(PhaseflowException.class)
        .hasMessage("RabbitMQ password must not be empty (amqp://u:***@h:1/v)");
    assertThatThrownBy(() -> changed.withPassword(null))
        .hasMessage("RabbitMQ password must not be empty (amqp://u:***@h:1/v)");
  }

  @Test
  void invalidNamesTheRedactedUrlAndIsNotRetryable() {
    ServerAddress address = new ServerAddress(REDIS, "rediss", null, SECRET, "h", 1, "3");

    PhaseflowException e = address.invalid("Redis database index must be >= 0, not -1");
    assertThat(e)
        .hasMessage("Redis database index must be >= 0, not -1 (rediss://***@h:1/3)")
        .hasMessageNotContaining(SECRET);
    assertThat(e.retryable()).isFalse();
  }

  private static String orNull(String text) {
    return text.equals("-") ? null : text;
  }
}
