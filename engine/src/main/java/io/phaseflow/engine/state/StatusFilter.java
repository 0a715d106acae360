package io.phaseflow.engine.state;

import io.phaseflow.engine.RejectedInput;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Which workflows a listing shows, by how they stand. */
public enum StatusFilter {
  ANY(EnumSet.allOf(WorkflowStatus.class)),
  RUNNING(EnumSet.of(WorkflowStatus.RUNNING)),
  PAUSED(EnumSet.of(WorkflowStatus.PAUSED)),
  SUCCEEDED(EnumSet.of(WorkflowStatus.SUCCEEDED)),
  FAILED(EnumSet.of(WorkflowStatus.FAILED)),
  CANCELED(EnumSet.of(WorkflowStatus.CANCELED)),
  /** Ended, however. */
  FINISHED(EnumSet.of(WorkflowStatus.SUCCEEDED, WorkflowStatus.FAILED, WorkflowStatus.CANCELED));

  private final Set<WorkflowStatus> statuses;

  StatusFilter(Set<WorkflowStatus> statuses) {
    this.statuses = statuses;
  }

  public Set<WorkflowStatus> statuses() {
    return EnumSet.copyOf(statuses);
  }

  public boolean matches(WorkflowStatus status) {
    return statuses.contains(status);
  }

  /**
   * The filter named {@code name}, case-insensitive; null or blank means {@link #ANY}.
   *
   * @throws RejectedInput naming the accepted values
   */
  public static StatusFilter parse(String name) {
    if (name == null || name.isBlank()) {
      return ANY;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new RejectedInput(
          "unknown state '"
              + name
              + "'; use one of "
              + Arrays.stream(values())
                  .map(v -> v.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
    }
  }
}
