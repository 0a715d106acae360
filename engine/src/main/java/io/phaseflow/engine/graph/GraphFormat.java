package io.phaseflow.engine.graph;

/** Text formats a plan can be drawn in. */
public enum GraphFormat {
  /** Graphviz DOT: {@code dot -Tsvg}. */
  DOT,
  /** Mermaid flowchart: renders in GitHub Markdown. */
  MERMAID
}
