package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.plan.CompiledDefinition;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The definition store takes only compiled definitions, by type: code that tries to store text that
 * did not validate does not compile. Server-free.
 */
class DefinitionStoreTypeTest {
  @Test
  void saveTakesOnlyACompiledDefinition() {
    assertThat(
            Arrays.stream(RedisDefinitionStore.class.getMethods())
                .filter(m -> m.getName().equals("save"))
                .map(Method::getParameterTypes))
        .containsExactly(new Class<?>[] {CompiledDefinition.class});
  }

  @Test
  void aCompiledDefinitionCanOnlyBeMadeByCompiling() {
    assertThat(
            Arrays.stream(CompiledDefinition.class.getDeclaredConstructors())
                .map(c -> Modifier.isPrivate(c.getModifiers())))
        .containsOnly(true);
    assertThat(Modifier.isFinal(CompiledDefinition.class.getModifiers())).isTrue();
  }
}
