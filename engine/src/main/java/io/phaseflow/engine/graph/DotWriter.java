package io.phaseflow.engine.graph;

/** Writes a {@link GraphRenderer.Graph} as Graphviz DOT. */
final class DotWriter {
  private DotWriter() {}

  static String write(String name, GraphRenderer.Graph graph) {
    StringBuilder out = new StringBuilder();
    out.append("digraph ").append(quote(name)).append(" {\n");
    out.append(
        "  compound=true; rankdir=TB; node [shape=box, style=rounded, fontname=Helvetica];\n");
    for (GraphRenderer.Cluster c : graph.clusters()) {
      out.append("  subgraph cluster_").append(c.id()).append(" {\n");
      out.append("    label=").append(quote(c.label() + marker(c))).append(";");
      out.append(c.isFinal() ? " peripheries=2;" : "").append(c.initial() ? " style=bold;" : "");
      out.append('\n');
      for (GraphRenderer.Node n : c.nodes()) {
        out.append("    ").append(n.id()).append(" [label=").append(quote(n.label()));
        out.append(n.barrier() ? ", shape=point, width=0.15" : "").append("];\n");
      }
      out.append("  }\n");
    }
    for (GraphRenderer.Arrow e : graph.arrows()) {
      out.append("  ").append(e.from()).append(" -> ").append(e.to());
      if (e.label() != null) {
        out.append(" [label=").append(quote(e.label()));
        out.append(e.error() ? ", style=dashed, color=red, fontcolor=red" : "").append("]");
      }
      out.append(";\n");
    }
    return out.append("}\n").toString();
  }

  private static String marker(GraphRenderer.Cluster c) {
    return c.initial() ? " (initial)" : c.isFinal() ? " (final)" : "";
  }

  private static String quote(String s) {
    return '"' + s.replace("\"", "\\\"") + '"';
  }
}
