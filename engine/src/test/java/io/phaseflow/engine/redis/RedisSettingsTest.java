package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.phaseflow.engine.PhaseflowException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {
  private static final String SECRET = "Zq9-s3cr3t-pw";

  @Test
  void userAndPassword() {
    RedisSettings s = RedisSettings.parse("redis://alice:" + SECRET + "@redis.example:6380/3");

    RedisURI uri = s.toRedisUri();
    assertThat(uri.getHost()).isEqualTo("redis.example");
    assertThat(uri.getPort()).isEqualTo(6380);
    assertThat(uri.getDatabase()).isEqualTo(3);
    assertThat(credentials(uri).getUsername()).isEqualTo("alice");
    assertThat(new String(credentials(uri).getPassword())).isEqualTo(SECRET);
    assertThat(uri.isSsl()).isFalse();
    assertThat(s.redacted()).isEqualTo("redis://alice:***@redis.example:6380/3");
  }

  @Test
  void passwordOnlyWithEmptyUserOrNoColon() {
    RedisSettings empty = RedisSettings.parse("redis://:" + SECRET + "@h:1/2");
    RedisSettings bare = RedisSettings.parse("redis://" + SECRET + "@h:1/2");

    for (RedisSettings s : new RedisSettings[] {empty, bare}) {
      assertThat(credentials(s.toRedisUri()).getUsername()).isNull();
      assertThat(new String(credentials(s.toRedisUri()).getPassword())).isEqualTo(SECRET);
      assertThat(s.redacted()).isEqualTo("redis://***@h:1/2");
    }
    assertThat(empty).isEqualTo(bare);
  }

  @Test
  void percentEncodedPassword() {
    RedisSettings s = RedisSettings.parse("redis://u:p%40ss%2Fw%C3%B6rd@h:1");

    assertThat(new String(credentials(s.toRedisUri()).getPassword())).isEqualTo("p@ss/wörd");
  }

  @Test
  void passwordContainingAnAtSign() {
    RedisSettings s = RedisSettings.parse("redis://u:a@b@h:7/1");

    assertThat(new String(credentials(s.toRedisUri()).getPassword())).isEqualTo("a@b");
    assertThat(s.host()).isEqualTo("h");
  }

  @Test
  void severalSeedNodesShareTheSchemeCredentialsAndDatabase() {
    RedisSettings s = RedisSettings.parse("redis://alice:" + SECRET + "@h1:7001,h2:7002, h3/0");

    assertThat(s.severalSeeds()).isTrue();
    assertThat(s.toRedisUris())
        .extracting(RedisURI::getHost, RedisURI::getPort, RedisURI::getDatabase)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("h1", 7001, 0),
            org.assertj.core.groups.Tuple.tuple("h2", 7002, 0),
            org.assertj.core.groups.Tuple.tuple("h3", 6379, 0));
    assertThat(s.toRedisUris())
        .allSatisfy(u -> assertThat(new String(credentials(u).getPassword())).isEqualTo(SECRET));
    assertThat(s.redacted()).isEqualTo("redis://alice:***@h1:7001,h2:7002,h3:6379/0");
    assertThat(s.host()).isEqualTo("h1");
    assertThat(s.withPassword("other").toRedisUris())
        .allSatisfy(u -> assertThat(new String(credentials(u).getPassword())).isEqualTo("other"));
    assertThat(RedisSettings.parse("h1:7001,h2:7002").redacted())
        .isEqualTo("redis://h1:7001,h2:7002/0");
  }

  @Test
  void oneSeedIsNotSeveralAndACommaInThePasswordIsNoSeparator() {
    RedisSettings s = RedisSettings.parse("redis://u:a,b@h:7001");

    assertThat(s.severalSeeds()).isFalse();
    assertThat(new String(credentials(s.toRedisUri()).getPassword())).isEqualTo("a,b");
    assertThat(s.toRedisUris()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis://h1:7001,,h2:7002", "redis://h1:7001,"})
  void anEmptySeedIsRefusedNamingTheUrl(String url) {
    assertThatThrownBy(() -> RedisSettings.parse(url))
        .isInstanceOf(PhaseflowException.class)
        .hasMessageStartingWith("malformed Redis URL '" + url + "': an empty seed node");
  }

  @Test
  void aBadSeedIsRefusedNamingThatSeed() {
    assertThatThrownBy(() -> RedisSettings.parse("redis://:" + SECRET + "@h1:7001,h2:x"))
        .isInstanceOf(PhaseflowException.class)
        .hasMessageStartingWith("malformed Redis URL 'redis://:***@h2:x': port 'x'")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void tls() {
    RedisSettings s = RedisSettings.parse("rediss://h.example:6390/0");

    assertThat(s.tls()).isTrue();
    assertThat(s.toRedisUri().isSsl()).isTrue();
    assertThat(s.redacted()).isEqualTo("rediss://h.example:6390/0");
  }

  @Test
  void defaultsForPortAndDatabase() {
    RedisSettings s = RedisSettings.parse("redis://h");

    assertThat(s.port()).isEqualTo(6379);
    assertThat(s.database()).isZero();
    assertThat(s.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.toRedisUri().getTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void bareHostPortAndDatabase() {
    assertThat(RedisSettings.parse("10.0.0.7:6381").redacted())
        .isEqualTo("redis://10.0.0.7:6381/0");
    assertThat(RedisSettings.parse("10.0.0.7:6381/4").database()).isEqualTo(4);
    assertThat(RedisSettings.parse("localhost").port()).isEqualTo(6379);
  }

  @Test
  void ipv6Host() {
    RedisSettings s = RedisSettings.parse("redis://[::1]:6379/1");

    assertThat(s.host()).isEqualTo("::1");
    assertThat(s.redacted()).isEqualTo("redis://[::1]:6379/1");
  }

  @Test
  void commandTimeoutAndDatabaseAreSettable() {
    RedisSettings s =
        RedisSettings.parse("redis://h:1")
            .withCommandTimeout(Duration.ofMillis(250))
            .withDatabase(15);

    assertThat(s.toRedisUri().getTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.toRedisUri().getDatabase()).isEqualTo(15);
    assertThatThrownBy(() -> s.withCommandTimeout(Duration.ZERO))
        .hasMessageContaining("timeout must be positive");
  }

  @Test
  void environmentOrder() {
    assertThat(RedisSettings.fromEnvironment("cli:1", "redis://env:2").host()).isEqualTo("cli");
    assertThat(RedisSettings.fromEnvironment(null, "redis://env:2").host()).isEqualTo("env");
    assertThat(RedisSettings.fromEnvironment(null, null).redacted())
        .isEqualTo("redis://127.0.0.1:6379/0");
  }

  @Test
  void badPort() {
    assertThatThrownBy(() -> RedisSettings.parse("redis://u:" + SECRET + "@h:99999/0"))
        .isInstanceOf(PhaseflowException.class)
        .hasMessage(
            "malformed Redis URL 'redis://u:***@h:99999/0': port '99999' is not a number from 1"
                + " to 65535 (hint: write e.g. host:6379)")
        .satisfies(e -> assertThat(((PhaseflowException) e).retryable()).isFalse());
    assertThatThrownBy(() -> RedisSettings.parse("h:abc")).hasMessageContaining("port 'abc'");
  }

  @Test
  void unknownScheme() {
    assertThatThrownBy(() -> RedisSettings.parse("http://" + SECRET + "@h:1"))
        .isInstanceOf(PhaseflowException.class)
        .hasMessage(
            "malformed Redis URL 'http://***@h:1': unknown scheme 'http' (hint: use redis:// or"
                + " rediss:// (TLS), or a bare host:port)");
  }

  @Test
  void otherMalformedUrls() {
    assertThatThrownBy(() -> RedisSettings.parse("")).hasMessageContaining("Redis URL is empty");
    assertThatThrownBy(() -> RedisSettings.parse("redis://:6379")).hasMessageContaining("no host");
    assertThatThrownBy(() -> RedisSettings.parse("redis://h:1/x"))
        .hasMessageContaining("database 'x'");
    assertThatThrownBy(() -> RedisSettings.parse("redis://h:1/0?timeout=1s"))
        .hasMessageContaining("query parameters are not supported");
    assertThatThrownBy(() -> RedisSettings.parse("redis://[::1:6379"))
        .hasMessageContaining("no closing ']'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://u:" + SECRET + "@h:0",
        "redis://u:" + SECRET + "@h:1/-1",
        "redis://u:" + SECRET + "%zz@h:1",
        "redis://" + SECRET + "%4@h:1",
        "redis://u:" + SECRET + "@h:1/0?x=1",
        "redis://u:" + SECRET + "@:1",
        "ftp://u:" + SECRET + "@h:1",
        "rediss://:" + SECRET + "@[::1"
      })
  void passwordNeverInAnErrorMessage(String url) {
    assertThatThrownBy(() -> RedisSettings.parse(url))
        .isInstanceOf(PhaseflowException.class)
        .message()
        .doesNotContain(SECRET)
        .doesNotContain(SECRET.substring(0, 6))
        .contains("***");
  }

  @Test
  void passwordNeverInToStringOrRedacted() {
    RedisSettings s = RedisSettings.parse("rediss://bob:" + SECRET + "@h:1/2");

    assertThat(s.toString()).isEqualTo("rediss://bob:***@h:1/2").doesNotContain(SECRET);
    assertThat(s.redacted()).doesNotContain(SECRET);
    assertThat(s.toRedisUri().toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> s.withDatabase(-1)).message().doesNotContain(SECRET);
  }

  @Test
  void scrubHidesThePasswordInForeignText() {
    RedisSettings s = RedisSettings.parse("redis://" + SECRET + "@h:1");

    assertThat(s.scrub("AUTH " + SECRET + " failed")).isEqualTo("AUTH *** failed");
  }

  private static RedisCredentials credentials(RedisURI uri) {
    return uri.getCredentialsProvider().resolveCredentials().block();
  }
}
