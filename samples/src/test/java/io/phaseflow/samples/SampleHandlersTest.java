package io.phaseflow.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SampleHandlersTest {

  @Test
  void everySampleHandlerHasAUniqueNameThatTheRegistryFinds() {
    List<Handler> all = SampleHandlers.all();
    HandlerRegistry registry = SampleHandlers.registry();

    assertThat(all).extracting(Handler::name).doesNotHaveDuplicates().hasSize(25);
    for (Handler handler : all) {
      assertThat(registry.find(handler.name(), 1))
          .as(handler.name())
          .get()
          .isInstanceOf(handler.getClass());
    }
    assertThat(registry.all()).hasSameSizeAs(all);
  }

  /**
   * The name is the class name, or, for the workflow-manager example's steps, the class name in
   * kebab case (book-split is BookSplit).
   */
  @Test
  void everyNameIsItsClassNameAtVersionOne() {
    for (Handler handler : SampleHandlers.all()) {
      String type = handler.getClass().getSimpleName();
      String kebab = type.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
      assertThat(handler.name()).isIn(type, kebab);
      assertThat(handler.version()).isEqualTo(1);
    }
  }

  /** The application finds the samples as it finds any handler jar's handlers. */
  @Test
  void theServiceFileDeclaresEverySampleHandler() {
    List<String> declared =
        ServiceLoader.load(Handler.class).stream()
            .map(provider -> provider.type().getName())
            .filter(name -> name.startsWith("io.phaseflow.samples."))
            .toList();

    assertThat(declared)
        .containsExactlyInAnyOrderElementsOf(
            SampleHandlers.all().stream().map(h -> h.getClass().getName()).toList());
  }
}
