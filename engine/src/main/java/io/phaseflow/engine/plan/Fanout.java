package io.phaseflow.engine.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code for_each} of a task's job, which makes that job a gate: the gate itself never runs;
 * one element job per element does, and the gate succeeds when they all have, its output the array
 * of their outputs in element order. The task's dependents wait for the gate, so they wait for
 * every element.
 *
 * @param pointer the {@code for_each} pointer as written
 * @param sources the indexes of the jobs whose outputs the pointer reads ({@code
 *     /outputs/<task>/...}): the gate expands in the step that records the success of its last
 *     parent, from their outputs; empty when it reads {@code /data} only and was expanded when the
 *     entry was planned
 * @param first the index of the first element job, -1 while not expanded
 * @param count how many element jobs (contiguous from {@code first})
 */
public record Fanout(String pointer, List<Integer> sources, int first, int count) {

  public Fanout {
    sources = List.copyOf(sources);
  }

  /** A gate expanded when its entry is planned. */
  public static Fanout planned(String pointer, int first, int count) {
    return new Fanout(pointer, List.of(), first, count);
  }

  /** A gate that expands when its last parent succeeds, from the outputs of {@code sources}. */
  public static Fanout pending(String pointer, List<Integer> sources) {
    return new Fanout(pointer, sources, -1, 0);
  }

  public boolean expanded() {
    return first >= 0;
  }

  /** The same gate with its element jobs at {@code first} .. {@code first + count - 1}. */
  public Fanout expandedAt(int first, int count) {
    return new Fanout(pointer, sources, first, count);
  }

  /** The element jobs' indexes, in element order; none while not expanded. */
  public List<Integer> elements() {
    List<Integer> out = new ArrayList<>(count);
    for (int i = 0; expanded() && i < count; i++) {
      out.add(first + i);
    }
    return out;
  }
}
