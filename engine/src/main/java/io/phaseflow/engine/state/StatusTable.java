package io.phaseflow.engine.state;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The allowed moves between the states of an enum, declared as a table. Building it refuses a
 * duplicate move and a move out of a terminal state, so a typo in the table fails at class load,
 * not in production. Immutable and thread-safe.
 */
final class StatusTable<S extends Enum<S>> {
  private final Map<S, Set<S>> moves;
  private final Set<S> terminal;

  private StatusTable(Map<S, Set<S>> moves, Set<S> terminal) {
    this.moves = moves;
    this.terminal = terminal;
  }

  static <S extends Enum<S>> Builder<S> builder(Class<S> type) {
    return new Builder<>(type);
  }

  boolean allows(S from, S to) {
    return moves.get(from).contains(to);
  }

  boolean isTerminal(S state) {
    return terminal.contains(state);
  }

  /** Every declared move, for tests that check each one is exercised. */
  Map<S, Set<S>> moves() {
    return moves;
  }

  /**
   * Checks a move.
   *
   * @throws IllegalStateException naming both states when the move is not in the table
   */
  void check(S from, S to, String what) {
    if (!allows(from, to)) {
      throw new IllegalStateException(
          what
              + " cannot move from "
              + from
              + " to "
              + to
              + "; allowed from "
              + from
              + ": "
              + moves.get(from));
    }
  }

  static final class Builder<S extends Enum<S>> {
    private final Map<S, Set<S>> moves;
    private final Set<S> terminal;

    private Builder(Class<S> type) {
      moves = new EnumMap<>(type);
      for (S s : type.getEnumConstants()) {
        moves.put(s, EnumSet.noneOf(type));
      }
      terminal = EnumSet.noneOf(type);
    }

    Builder<S> allow(S from, S to) {
      if (terminal.contains(from)) {
        throw new IllegalArgumentException(
            "move " + from + " -> " + to + " leaves a terminal state");
      }
      if (!moves.get(from).add(to)) {
        throw new IllegalArgumentException("move " + from + " -> " + to + " is declared twice");
      }
      return this;
    }

    @SafeVarargs
    final Builder<S> terminal(S... states) {
      for (S s : states) {
        if (!moves.get(s).isEmpty()) {
          throw new IllegalArgumentException(
              "terminal state " + s + " has moves out of it: " + moves.get(s));
        }
        terminal.add(s);
      }
      return this;
    }

    StatusTable<S> build() {
      Map<S, Set<S>> frozen = new java.util.HashMap<>();
      moves.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
      return new StatusTable<>(Map.copyOf(frozen), Set.copyOf(terminal));
    }
  }
}
