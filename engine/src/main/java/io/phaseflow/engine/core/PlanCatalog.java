package io.phaseflow.engine.core;

import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.plan.Plan;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled plans by definition name and version: added directly (embedded mode) or compiled on
 * first use from a {@link DefinitionSource} (a cluster). A definition version never changes, so a
 * compiled plan is cached for good. Thread-safe.
 */
public final class PlanCatalog {
  private final Map<String, Map<Integer, Plan>> plans = new ConcurrentHashMap<>();
  private final DefinitionSource source;

  public PlanCatalog() {
    this(DefinitionSource.NONE);
  }

  public PlanCatalog(DefinitionSource source) {
    this.source = source;
  }

  public void add(Plan plan) {
    plans.computeIfAbsent(plan.name(), n -> new ConcurrentHashMap<>()).put(plan.version(), plan);
  }

  /**
   * The plan of {@code name} at {@code version}.
   *
   * @throws NotFound naming the known definitions or versions when absent
   */
  public Plan get(String name, int version) {
    Plan plan = plans.getOrDefault(name, Map.of()).get(version);
    if (plan != null) {
      return plan;
    }
    plan = source.find(name, version).map(CompiledDefinition::plan).orElse(null);
    if (plan == null) {
      throw new NotFound(
          "definition '"
              + name
              + "' has no version "
              + version
              + "; known versions: "
              + plans.getOrDefault(name, Map.of()).keySet()
              + " (load it with phaseflow load)");
    }
    add(plan);
    return plan;
  }

  /** The highest version of {@code name}, asking the source for newer ones. */
  public Plan latest(String name) {
    OptionalInt stored = source.latestVersion(name);
    int local =
        plans.getOrDefault(name, Map.of()).keySet().stream()
            .max(Comparator.naturalOrder())
            .orElse(0);
    int version = Math.max(local, stored.orElse(0));
    if (version == 0) {
      throw new NotFound(
          "no definition named '"
              + name
              + "' is loaded; loaded: "
              + loadedNames()
              + " (load it first: phaseflow load FILE)");
    }
    return get(name, version);
  }

  /** The names compiled here and those the source holds (a cluster's are in Redis), sorted. */
  private Set<String> loadedNames() {
    Set<String> names = new TreeSet<>(plans.keySet());
    names.addAll(source.names());
    return names;
  }

  public List<Plan> all() {
    return plans.values().stream().flatMap(v -> v.values().stream()).toList();
  }
}
