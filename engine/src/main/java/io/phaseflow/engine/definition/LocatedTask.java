package io.phaseflow.engine.definition;

import java.util.List;
import java.util.Set;

/**
 * A task as read, with where it was written and every edge as the file declared it.
 *
 * @param path the task object's JSONPath
 * @param handlerPath the JSONPath of its {@code handler} (which may be absent from the file)
 * @param edges each name in its {@code parents}, {@code depends} and {@code children}, located
 * @param invalidKeys keys already reported as broken
 */
record LocatedTask(
    String path,
    TaskDefinition definition,
    String handlerPath,
    List<Edge> edges,
    Set<String> invalidKeys) {

  String name() {
    return definition.name();
  }

  String label() {
    return "task '" + name() + "'";
  }

  /**
   * One declared dependency: {@code parent} must finish before {@code child} starts.
   *
   * @param key the list it was written in: parents, depends or children
   * @param path where the referenced name was written
   */
  record Edge(String parent, String child, String key, String path) {

    boolean declaredAsChild() {
      return key.equals("children");
    }

    /** The task the declaring task names in its list. */
    String referenced() {
      return declaredAsChild() ? child : parent;
    }

    /** The task whose list this edge was written in. */
    String declaredBy() {
      return declaredAsChild() ? parent : child;
    }
  }
}
