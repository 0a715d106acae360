package io.phaseflow.engine.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's Lua scripts, each run after {@link RedisLayout#luaPrelude()} (the layout's names as
 * Lua constants), called by SHA. A server that lost its script cache (restart, SCRIPT FLUSH)
 * answers NOSCRIPT: the script is loaded again and the call repeated once. Thread-safe.
 */
final class RedisScripts {
  enum Script {
    START("start.lua"),
    ADVANCE("advance.lua"),
    COMPLETE("complete.lua", "complete_control.lua"),
    RETRY("retry.lua"),
    ARM("arm.lua"),
    RELEASE("release.lua"),
    CONTROL("control.lua"),
    REDRIVE("redrive.lua"),
    MIGRATE("migrate.lua"),
    SCHEDULE_ADD("schedule_add.lua"),
    SCHEDULE_REMOVE("schedule_remove.lua"),
    SCHEDULE_CLAIM("schedule_claim.lua");

    final String source;

    Script(String file) {
      this.source = RedisLayout.luaPrelude() + read(file);
    }

    /** {@code file} as the function {@code record_completion}, called by {@code wrapper}. */
    Script(String file, String wrapper) {
      this.source =
          RedisLayout.luaPrelude()
              + "local function record_completion()\n"
              + read(file)
              + "\nend\n"
              + read(wrapper);
    }

    static String read(String file) {
      try (InputStream in = RedisScripts.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("missing script resource " + file);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final RedisCommands<String, String> redis;
  private final Map<Script, String> shas = new ConcurrentHashMap<>();

  RedisScripts(RedisCommands<String, String> redis) {
    this.redis = redis;
  }

  <T> T call(Script script, ScriptOutputType type, String[] keys, String... args) {
    String sha = shas.computeIfAbsent(script, s -> redis.scriptLoad(s.source));
    try {
      return redis.evalsha(sha, type, keys, args);
    } catch (RedisNoScriptException e) {
      shas.put(script, redis.scriptLoad(script.source));
      return redis.evalsha(shas.get(script), type, keys, args);
    }
  }
}
