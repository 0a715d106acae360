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

    assertThat(all).extracting(Handler::name).doesNotHaveDuplicates().hasSize(18);
    for (Handler handler : all) {
      assertThat(registry.find(handler.name(), 1))
          .as(handler.name())
          .get()
          .isInstanceOf(handler.getClass());
    }
    assertThat(registry.all()).hasSameSizeAs(all);
  }

  @Test
  void everyNameIsItsClassNameAtVersionOne() {
    for (Handler handler : SampleHandlers.all()) {
      assertThat(handler.name()).isEqualTo(handler.getClass().getSimpleName());
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
