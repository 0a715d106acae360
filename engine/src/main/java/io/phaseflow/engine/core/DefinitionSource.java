package io.phaseflow.engine.core;

import io.phaseflow.engine.plan.CompiledDefinition;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where an engine finds definitions it has not compiled yet: stored in Redis by {@code phaseflow
 * load}, so every engine process sees the same versions. Implementations are thread-safe.
 */
public interface DefinitionSource {
  DefinitionSource NONE =
      new DefinitionSource() {
        @Override
        public Optional<CompiledDefinition> find(String name, int version) {
          return Optional.empty();
        }

        @Override
        public OptionalInt latestVersion(String name) {
          return OptionalInt.empty();
        }
      };

  /** The definition stored as {@code name} at {@code version}, compiled; empty when absent. */
  Optional<CompiledDefinition> find(String name, int version);

  OptionalInt latestVersion(String name);

  /** Every definition name it holds, for messages that list what is loaded. */
  default Set<String> names() {
    return Set.of();
  }
}
