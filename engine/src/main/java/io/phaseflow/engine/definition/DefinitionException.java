package io.phaseflow.engine.definition;

import io.phaseflow.engine.PhaseflowException;
import java.util.List;
import java.util.stream.Collectors;

/** A definition was rejected; carries every error found, not just the first. */
public class DefinitionException extends PhaseflowException {
  private static final long serialVersionUID = 1L;
  private final transient List<DefinitionError> errors;

  public DefinitionException(List<DefinitionError> errors) {
    super(format(errors), false);
    this.errors = List.copyOf(errors);
  }

  public List<DefinitionError> errors() {
    return errors;
  }

  private static String format(List<DefinitionError> errors) {
    return errors.size()
        + (errors.size() == 1 ? " error" : " errors")
        + " in definition:\n"
        + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
  }
}
