package io.phaseflow.engine.core;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.plan.Plan;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Compiled plans by definition name and version. Thread-safe. */
public final class PlanCatalog {
  private final Map<String, Map<Integer, Plan>> plans = new ConcurrentHashMap<>();

  public void add(Plan plan) {
    plans.computeIfAbsent(plan.name(), n -> new ConcurrentHashMap<>()).put(plan.version(), plan);
  }

  /**
   * The plan of {@code name} at {@code version}.
   *
   * @throws PhaseflowException naming the known definitions or versions when absent
   */
  public Plan get(String name, int version) {
    Plan plan = versions(name).get(version);
    if (plan == null) {
      throw new PhaseflowException(
          "definition '"
              + name
              + "' has no version "
              + version
              + "; loaded versions: "
              + versions(name).keySet(),
          false);
    }
    return plan;
  }

  /** The highest version of {@code name}. */
  public Plan latest(String name) {
    return versions(name).values().stream()
        .max(Comparator.comparingInt(Plan::version))
        .orElseThrow();
  }

  public List<Plan> all() {
    return plans.values().stream().flatMap(v -> v.values().stream()).toList();
  }

  private Map<Integer, Plan> versions(String name) {
    Map<Integer, Plan> versions = plans.get(name);
    if (versions == null || versions.isEmpty()) {
      throw new PhaseflowException(
          "no definition named '"
              + name
              + "' is loaded; loaded: "
              + plans.keySet()
              + " (load it first)",
          false);
    }
    return versions;
  }
}
