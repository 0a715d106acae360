package io.phaseflow.engine.graph;

/** Writes a {@link GraphRenderer.Graph} as a Mermaid flowchart. */
final class MermaidWriter {
  private MermaidWriter() {}

  static String write(GraphRenderer.Graph graph) {
    StringBuilder out = new StringBuilder("flowchart TD\n");
    for (GraphRenderer.Cluster c : graph.clusters()) {
      String marker = c.initial() ? " ▶ initial" : c.isFinal() ? " ■ final" : "";
      out.append("  subgraph ").append(c.id()).append("[\"").append(escape(c.label() + marker));
      out.append("\"]\n");
      for (GraphRenderer.Node n : c.nodes()) {
        out.append("    ").append(n.id());
        out.append(n.barrier() ? "((\" \"))" : "[\"" + escape(n.label()) + "\"]").append('\n');
      }
      out.append("  end\n");
    }
    for (GraphRenderer.Arrow e : graph.arrows()) {
      out.append("  ").append(e.from());
      if (e.label() == null) {
        out.append(" --> ");
      } else if (e.error()) {
        out.append(" -. ").append(e.label()).append(" .-> ");
      } else {
        out.append(" -- ").append(e.label()).append(" --> ");
      }
      out.append(e.to()).append('\n');
    }
    return out.toString();
  }

  private static String escape(String s) {
    return s.replace("\"", "#quot;").replace("\\n", "<br/>");
  }
}
