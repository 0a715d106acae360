package io.phaseflow.engine.definition;

import io.phaseflow.engine.InvalidDefinition;
import java.util.List;
import java.util.stream.Collectors;

/** A definition was rejected; carries every error found, not just the first. */
public class DefinitionException extends InvalidDefinition {
  private static final long serialVersionUID = 1L;
  private final transient List<DefinitionError> errors;

  public DefinitionException(List<DefinitionError> errors) {
    super(format(errors));
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
