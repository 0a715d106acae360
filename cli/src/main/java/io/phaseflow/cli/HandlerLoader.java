package io.phaseflow.cli;

import io.phaseflow.engine.RejectedInput;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.samples.SampleHandlers;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The handlers a process knows: the samples, plus every {@link Handler} a jar declares in {@code
 * META-INF/services/io.phaseflow.handlers.Handler}.
 */
final class HandlerLoader {
  private HandlerLoader() {}

  static HandlerRegistry load(List<Path> jars) {
    HandlerRegistry registry = SampleHandlers.registry();
    if (jars == null || jars.isEmpty()) {
      return registry;
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < jars.size(); i++) {
      Path jar = jars.get(i);
      if (!Files.isRegularFile(jar)) {
        throw new RejectedInput("--jar " + jar + ": no such file");
      }
      try {
        urls[i] = jar.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new RejectedInput("--jar " + jar + ": " + e.getMessage(), e);
      }
    }
    ClassLoader loader = new URLClassLoader(urls, HandlerLoader.class.getClassLoader());
    int found = 0;
    for (Handler handler : ServiceLoader.load(Handler.class, loader)) {
      registry.register(handler);
      found++;
    }
    if (found == 0) {
      throw new RejectedInput(
          "no handler found in "
              + jars
              + "; list your Handler classes in"
              + " META-INF/services/io.phaseflow.handlers.Handler inside the jar");
    }
    return registry;
  }
}
