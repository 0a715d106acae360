package io.phaseflow.handlers.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import java.util.List;

/** Placeholder until the samples branch lands. */
public final class SampleHandlers {
  private SampleHandlers() {}

  public static List<Handler> all() {
    return List.of();
  }

  public static HandlerRegistry registry() {
    return HandlerRegistry.of(all());
  }
}
