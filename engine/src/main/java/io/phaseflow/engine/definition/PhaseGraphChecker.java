package io.phaseflow.engine.definition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a phase graph: exactly one initial phase, every transition target defined, final
 * phases without transitions, other phases with one, every phase reachable from the start, and a
 * final phase reachable from every phase.
 */
final class PhaseGraphChecker {
  private static final String TRANSITIONS_TO = "transitions_to";
  private static final String ON_ERROR = "on_error_transition_to";
  private static final int NAMES_SHOWN = 20;

  private final ErrorCollector errors;

  PhaseGraphChecker(ErrorCollector errors) {
    this.errors = errors;
  }

  /**
   * @param complete whether every phase entry could be read; if not, rules over the whole graph are
   *     skipped, as the missing phase would make them report errors that are not there
   */
  void check(List<LocatedPhase> phases, String phasesPath, boolean complete) {
    if (phases.isEmpty()) {
      return; // the reader has already said why; "no initial phase" would only add noise
    }
    Map<String, LocatedPhase> byName = new LinkedHashMap<>();
    phases.forEach(p -> byName.put(p.name(), p));
    List<LocatedPhase> initials = phases.stream().filter(p -> p.definition().initial()).toList();
    boolean initialsKnown = phases.stream().noneMatch(p -> p.invalid("is_initial"));
    if (complete && initialsKnown) {
      checkInitials(initials, phases, phasesPath);
    }
    for (LocatedPhase phase : phases) {
      checkFinality(phase);
      if (complete) {
        checkTarget(phase, TRANSITIONS_TO, phase.definition().transitionsTo(), byName);
        checkTarget(phase, ON_ERROR, phase.definition().onErrorTransitionTo(), byName);
      }
    }
    if (initialsKnown && edgesSound(phases, complete)) {
      Set<String> reached =
          initials.size() == 1 ? checkReachable(initials.get(0), byName) : byName.keySet();
      checkFinishable(phases, reached, phasesPath);
    }
  }

  /**
   * Whether every edge of the graph is known: all phases read, every non-final phase says where it
   * goes, and every target exists. Only then do "unreachable" and "does not run before" mean
   * something; with a hole in the graph they would just echo the error that made the hole.
   */
  static boolean edgesSound(List<LocatedPhase> phases, boolean complete) {
    Set<String> names = new LinkedHashSet<>();
    phases.forEach(p -> names.add(p.name()));
    for (LocatedPhase phase : phases) {
      PhaseDefinition definition = phase.definition();
      boolean holed =
          phase.invalid(TRANSITIONS_TO)
              || phase.invalid(ON_ERROR)
              || phase.invalid("is_final")
              || (!definition.isFinal() && definition.transitionsTo() == null)
              || (definition.transitionsTo() != null && !names.contains(definition.transitionsTo()))
              || (definition.onErrorTransitionTo() != null
                  && !names.contains(definition.onErrorTransitionTo()));
      if (holed) {
        return false;
      }
    }
    return complete;
  }

  private void checkInitials(
      List<LocatedPhase> initials, List<LocatedPhase> phases, String phasesPath) {
    if (initials.isEmpty()) {
      Set<String> entered = new LinkedHashSet<>();
      for (LocatedPhase phase : phases) {
        entered.add(phase.definition().transitionsTo());
        entered.add(phase.definition().onErrorTransitionTo());
      }
      List<String> candidates =
          phases.stream().map(LocatedPhase::name).filter(n -> !entered.contains(n)).toList();
      errors.add(
          phasesPath,
          "no phase is marked \"is_initial\": true, so the workflow has nowhere to start",
          "add \"is_initial\": true to the phase it starts in"
              + (candidates.isEmpty()
                  ? ""
                  : "; no transition leads to "
                      + Suggestions.quotedList(candidates)
                      + ", so that is the likely start"));
    } else if (initials.size() > 1) {
      errors.add(
          phasesPath,
          initials.size()
              + " phases are marked \"is_initial\": true: "
              + Suggestions.quotedList(initials.stream().map(LocatedPhase::name).toList())
              + "; exactly one may be",
          "keep \"is_initial\": true on the phase the workflow starts in and remove it from the"
              + " others");
    }
  }

  private void checkFinality(LocatedPhase phase) {
    if (phase.invalid("is_final")) {
      return; // whether it is final is unknown, so both rules below could be wrong
    }
    if (phase.definition().isFinal()) {
      for (String key : List.of(TRANSITIONS_TO, ON_ERROR)) {
        if (phase.raw().has(key)) {
          errors.add(
              phase.path(key),
              phase.label() + " is final but has '" + key + "'; a final phase ends the workflow",
              "remove '" + key + "', or remove \"is_final\": true if the workflow should go on");
        }
      }
    } else if (!phase.raw().has(TRANSITIONS_TO)) {
      errors.add(
          phase.path(),
          phase.label()
              + " is not final but has no 'transitions_to', so the workflow would stop"
              + " there without finishing",
          "add \"transitions_to\": \"<next phase>\", or \"is_final\": true if the workflow ends"
              + " there");
    }
  }

  private void checkTarget(
      LocatedPhase phase, String key, String target, Map<String, LocatedPhase> byName) {
    if (target == null || byName.containsKey(target)) {
      return;
    }
    errors.add(
        phase.path(key),
        phase.label() + " has " + key + " '" + target + "', but there is no phase '" + target + "'",
        Suggestions.hint(target, byName.keySet(), "the phases are"));
  }

  /** Reports every phase the initial phase cannot lead to; returns those it can. */
  private Set<String> checkReachable(LocatedPhase initial, Map<String, LocatedPhase> byName) {
    Set<String> reached = new LinkedHashSet<>();
    Deque<String> toVisit = new ArrayDeque<>(List.of(initial.name()));
    while (!toVisit.isEmpty()) {
      LocatedPhase phase = byName.get(toVisit.pop());
      if (phase == null || !reached.add(phase.name())) {
        continue;
      }
      if (phase.definition().transitionsTo() != null) {
        toVisit.push(phase.definition().transitionsTo());
      }
      if (phase.definition().onErrorTransitionTo() != null) {
        toVisit.push(phase.definition().onErrorTransitionTo());
      }
    }
    for (LocatedPhase phase : byName.values()) {
      if (!reached.contains(phase.name())) {
        errors.add(
            phase.path(),
            phase.label()
                + " is unreachable: no transitions_to or on_error_transition_to path leads to it"
                + " from the initial phase '"
                + initial.name()
                + "'",
            "make some reachable phase transition to '" + phase.name() + "', or delete it");
      }
    }
    return reached;
  }

  /**
   * Reports the phases (among {@code considered}: unreachable ones are reported already) from which
   * no path of success or error edges reaches a final phase: a workflow there could only loop.
   * Walks the edges backwards from the final phases, so it is linear in the graph.
   */
  private void checkFinishable(
      List<LocatedPhase> phases, Set<String> considered, String phasesPath) {
    Map<String, List<String>> sources = new HashMap<>();
    Deque<String> toVisit = new ArrayDeque<>();
    List<String> finals = new ArrayList<>();
    for (LocatedPhase phase : phases) {
      PhaseDefinition definition = phase.definition();
      for (String target :
          new String[] {definition.transitionsTo(), definition.onErrorTransitionTo()}) {
        if (target != null) {
          sources.computeIfAbsent(target, t -> new ArrayList<>()).add(phase.name());
        }
      }
      if (definition.isFinal()) {
        finals.add(phase.name());
        toVisit.push(phase.name());
      }
    }
    Set<String> finishing = new HashSet<>();
    while (!toVisit.isEmpty()) {
      String phase = toVisit.pop();
      if (finishing.add(phase)) {
        toVisit.addAll(sources.getOrDefault(phase, List.of()));
      }
    }
    List<LocatedPhase> stuck =
        phases.stream()
            .filter(p -> considered.contains(p.name()) && !finishing.contains(p.name()))
            .toList();
    if (stuck.isEmpty()) {
      return;
    }
    String names = namesOf(stuck);
    if (finals.isEmpty()) {
      errors.add(
          phasesPath,
          "no phase is marked \"is_final\": true, so a workflow can never finish: it would loop"
              + " through "
              + names
              + " until its max_transitions limit fails it",
          "add \"is_final\": true to the phase where the workflow ends (and remove its"
              + " transitions), or add a final phase and make a phase transition to it");
      return;
    }
    errors.add(
        stuck.get(0).path(),
        (stuck.size() == 1 ? "phase " : stuck.size() + " phases ")
            + names
            + " can never reach a final phase: every transitions_to and on_error_transition_to"
            + " path from "
            + (stuck.size() == 1 ? "it" : "them")
            + " loops, so a workflow there runs until its max_transitions limit fails it",
        "make one of them transition to a final phase ("
            + Suggestions.quotedList(finals.subList(0, Math.min(finals.size(), NAMES_SHOWN)))
            + "), e.g. with on_error_transition_to, or mark where it ends \"is_final\": true");
  }

  private static String namesOf(List<LocatedPhase> phases) {
    List<String> shown = phases.stream().limit(NAMES_SHOWN).map(LocatedPhase::name).toList();
    return Suggestions.quotedList(shown)
        + (phases.size() > NAMES_SHOWN ? " and " + (phases.size() - NAMES_SHOWN) + " more" : "");
  }
}
