package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.deployed.HandlerDirectory;
import io.phaseflow.engine.deployed.HandlerSighting;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisHandlerDirectoryTest {
  private static final long NOW = 10_000_000_000L;

  @Test
  void sightingsOlderThanTheDirectoryForgetsAreDropped() {
    long forget = HandlerDirectory.FORGET.toMillis();
    Map<String, HandlerSighting> kept = new LinkedHashMap<>();
    kept.put("A|1|new", new HandlerSighting("A", 1, "new", 1, false, NOW));
    kept.put("A|1|week", new HandlerSighting("A", 1, "week", 1, false, NOW - forget));
    kept.put("A|1|old", new HandlerSighting("A", 1, "old", 1, false, NOW - forget - 1));

    assertThat(RedisHandlerDirectory.forget(kept, NOW)).containsExactly("A|1|old");
  }

  @Test
  void pastTheCapTheOldestAreDropped() {
    Map<String, HandlerSighting> many = new LinkedHashMap<>();
    for (int i = 0; i < RedisHandlerDirectory.MAX_SIGHTINGS + 2; i++) {
      many.put("A|1|p" + i, new HandlerSighting("A", 1, "p" + i, 1, false, NOW - i));
    }
    assertThat(RedisHandlerDirectory.forget(many, NOW))
        .containsExactly(
            "A|1|p" + RedisHandlerDirectory.MAX_SIGHTINGS,
            "A|1|p" + (RedisHandlerDirectory.MAX_SIGHTINGS + 1));
  }
}
