package io.phaseflow.engine.http;

import io.phaseflow.engine.core.PlanCatalog;
import io.phaseflow.engine.plan.Plan;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The definitions the HTTP API shows: those added to an embedded engine, or those loaded into
 * Redis. Implementations are thread-safe.
 */
public interface DefinitionCatalog {
  /** Every definition name, sorted. */
  SortedSet<String> names();

  /** The versions of {@code name}, ascending; empty when there is no such definition. */
  List<Integer> versions(String name);

  /** The compiled plan of {@code name} at {@code version}; empty when there is none. */
  Optional<Plan> plan(String name, int version);

  /** The plans added to (or compiled by) {@code plans}: an embedded engine's definitions. */
  static DefinitionCatalog of(PlanCatalog plans) {
    return stored(
        () -> plans.all().stream().map(Plan::name).toList(),
        name ->
            plans.all().stream()
                .filter(p -> p.name().equals(name))
                .map(Plan::version)
                .sorted()
                .toList(),
        plans);
  }

  /**
   * Definitions listed by a store (such as Redis) and compiled through {@code plans}, which caches
   * each version once compiled.
   */
  static DefinitionCatalog stored(
      Supplier<? extends Collection<String>> names,
      Function<String, List<Integer>> versions,
      PlanCatalog plans) {
    return new DefinitionCatalog() {
      @Override
      public SortedSet<String> names() {
        return new TreeSet<>(names.get());
      }

      @Override
      public List<Integer> versions(String name) {
        return versions.apply(name).stream().sorted().toList();
      }

      @Override
      public Optional<Plan> plan(String name, int version) {
        return versions.apply(name).contains(version)
            ? Optional.of(plans.get(name, version))
            : Optional.empty();
      }
    };
  }
}
