package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.state.WorkflowStatus;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The layout is the one owner of names: the scripts use its constants and define none. */
class RedisLayoutTest {
  private static final Pattern CONSTANT = Pattern.compile("\\b[A-Z][A-Z_]{2,}\\b");
  private static final Pattern PRELUDE_LINE = Pattern.compile("local ([A-Z_]+) = (.+)");
  private static final Set<String> LUA_OWN = Set.of("KEYS", "ARGV");

  private static Map<String, String> prelude() {
    Map<String, String> defined = new HashMap<>();
    Matcher m = PRELUDE_LINE.matcher(LuaPrelude.render());
    while (m.find()) {
      defined.put(m.group(1), m.group(2));
    }
    return defined;
  }

  /** A script's own code: comments and Redis command names (quoted) left out. */
  private static String code(RedisScripts.Script script) {
    return RedisScripts.Script.read(script.name().toLowerCase() + ".lua")
        .replaceAll("--[^\n]*", "")
        .replaceAll("'[A-Z]{3,}'", "");
  }

  @Test
  void everyConstantAScriptUsesIsDefinedByTheLayout() {
    Map<String, String> defined = prelude();
    for (RedisScripts.Script script : RedisScripts.Script.values()) {
      Matcher m = CONSTANT.matcher(code(script));
      while (m.find()) {
        if (!LUA_OWN.contains(m.group())) {
          assertThat(defined).as("%s uses %s", script, m.group()).containsKey(m.group());
        }
      }
    }
  }

  @Test
  void noScriptSpellsAFieldLetterOrReplyCodeOfItsOwn() {
    for (RedisScripts.Script script : RedisScripts.Script.values()) {
      assertThat(code(script))
          .as("%s must name fields and codes by the layout's constants", script)
          .doesNotContainPattern("'[A-Za-z]{1,2}'")
          .doesNotContainPattern("\"[A-Za-z]{1,2}\"")
          .doesNotContain("':e:'")
          .doesNotContain("':h'");
      assertThat(script.source).startsWith(LuaPrelude.render());
    }
  }

  @Test
  void thePreludeHasTheJavaValues() throws IllegalAccessException {
    Map<String, String> defined = prelude();
    for (Field f : RedisLayout.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && defined.containsKey(f.getName())) {
        Object value = f.get(null);
        String lua = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        assertThat(defined.get(f.getName())).as(f.getName()).isEqualTo(lua);
      }
    }
    assertThat(defined).containsEntry("WF_STATUS", "'s'").containsEntry("RECORDED", "'R'");
  }

  @Test
  void aWorkflowsShardIsStableAndItsKeysShareItsHashTag() {
    RedisLayout layout = new RedisLayout("pf", 64);
    int shard = layout.shard("order-17");

    assertThat(shard).isBetween(0, 63).isEqualTo(new RedisLayout("pf", 64).shard("order-17"));
    assertThat(layout.workflow("order-17")).isEqualTo("pf:{" + shard + "}order-17");
    assertThat(layout.entry("order-17", 3)).isEqualTo("pf:{" + shard + "}order-17:e:3");
    assertThat(layout.history("order-17")).isEqualTo("pf:{" + shard + "}order-17:h");
    int bucket = layout.bucket("order-17", RedisLayout.INDEX_BUCKETS);
    assertThat(bucket).isBetween(0, RedisLayout.INDEX_BUCKETS - 1);
    assertThat(layout.index("order-17", WorkflowStatus.RUNNING, "orders"))
        .isEqualTo("pf:{" + shard + "}:ix:" + bucket + ":running:orders")
        .isEqualTo(layout.index(shard, bucket, WorkflowStatus.RUNNING, "orders"));
    assertThat(layout.unbucketedIndex(shard, WorkflowStatus.RUNNING, "orders"))
        .as("format 2's, read once to migrate it")
        .isEqualTo("pf:{" + shard + "}:ix:running:orders");
    assertThat(layout.indexedDefinitions(5)).isEqualTo("pf:{5}:ix:defs");
    assertThat(layout.format()).isEqualTo("pf:format");
  }

  @Test
  void prefixesWithBracesAndNamespacesWithoutShardsAreRefused() {
    assertThatThrownBy(() -> new RedisLayout("p{f}", 64)).hasMessageContaining("hash tags");
    assertThatThrownBy(() -> new RedisLayout("pf", 0)).hasMessageContaining("at least one shard");
  }

  @Test
  void theScriptsStatusLettersAreTheStoredOnes() {
    assertThat(RedisLayout.status(io.phaseflow.engine.state.WorkflowStatus.RUNNING))
        .isEqualTo(RedisLayout.WF_RUNNING);
    assertThat(RedisLayout.status(io.phaseflow.engine.state.WorkflowStatus.PAUSED))
        .isEqualTo(RedisLayout.WF_PAUSED);
    assertThat(RedisLayout.status(io.phaseflow.engine.state.WorkflowStatus.FAILED))
        .isEqualTo(RedisLayout.WF_FAILED);
    assertThat(RedisLayout.status(io.phaseflow.engine.state.WorkflowStatus.CANCELED))
        .isEqualTo(RedisLayout.WF_CANCELED);
    assertThat(
            java.util.Arrays.stream(io.phaseflow.engine.state.WorkflowStatus.values())
                .map(RedisLayout::status)
                .distinct())
        .as("one letter per status")
        .hasSize(io.phaseflow.engine.state.WorkflowStatus.values().length);
  }
}
