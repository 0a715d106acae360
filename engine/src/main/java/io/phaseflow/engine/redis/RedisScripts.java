package io.phaseflow.engine.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The store's Lua scripts, each run after {@link LuaPrelude#render()} (the layout's names as Lua
 * constants), called by SHA (computed here, so nothing is loaded up front). A server that does not
 * have the script cached (a new or restarted node, a replica just promoted, SCRIPT FLUSH) answers
 * NOSCRIPT without running it: the call is repeated once with EVAL, which runs the source on the
 * node of the keys' slot and caches it there. Thread-safe.
 */
final class RedisScripts {
  enum Script {
    START("start.lua"),
    ADVANCE("advance.lua"),
    COMPLETE("complete.lua", "complete_control.lua"),
    RETRY("retry.lua"),
    ARM("arm.lua"),
    UNFOLD("unfold.lua"),
    RELEASE("release.lua"),
    DEFER("defer.lua"),
    LEASE("lease.lua"),
    CONTROL("control.lua"),
    REDRIVE("redrive.lua"),
    MIGRATE("migrate.lua"),
    NEWEST("newest.lua"),
    SCHEDULE_ADD("schedule_add.lua"),
    SCHEDULE_REMOVE("schedule_remove.lua"),
    SCHEDULE_CLAIM("schedule_claim.lua");

    final String source;
    final String sha;

    Script(String file) {
      this.source = LuaPrelude.render() + read(file);
      this.sha = sha1(source);
    }

    /** {@code file} as the function {@code record_completion}, called by {@code wrapper}. */
    Script(String file, String wrapper) {
      this.source =
          LuaPrelude.render()
              + "local function record_completion()\n"
              + read(file)
              + "\nend\n"
              + read(wrapper);
      this.sha = sha1(source);
    }

    static String sha1(String source) {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-1");
        return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no SHA-1, which Redis script names need", e);
      }
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

  private final RedisClusterCommands<String, String> redis;

  RedisScripts(RedisClusterCommands<String, String> redis) {
    this.redis = redis;
  }

  <T> T call(Script script, ScriptOutputType type, String[] keys, String... args) {
    try {
      return redis.evalsha(script.sha, type, keys, args);
    } catch (RedisNoScriptException e) {
      return redis.eval(script.source, type, keys, args);
    }
  }
}
