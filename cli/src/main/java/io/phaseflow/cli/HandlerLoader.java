package io.phaseflow.cli;

import io.phaseflow.engine.RejectedInput;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The handlers a process knows: every {@link Handler} declared in {@code
 * META-INF/services/io.phaseflow.handlers.Handler} on the application's classpath (the samples ship
 * in phaseflow.jar that way) and in the {@code --jar} jars.
 */
final class HandlerLoader {
  private HandlerLoader() {}

  static HandlerRegistry load(List<Path> jars) {
    ClassLoader app = HandlerLoader.class.getClassLoader();
    ClassLoader loader = jars == null || jars.isEmpty() ? app : jarLoader(jars, app);
    HandlerRegistry registry = new HandlerRegistry();
    int fromJars = 0;
    // The jars' loader asks the application's first, so this finds both, each once.
    for (Handler handler : ServiceLoader.load(Handler.class, loader)) {
      registry.register(handler);
      if (loader != app && handler.getClass().getClassLoader() == loader) {
        fromJars++;
      }
    }
    if (loader != app && fromJars == 0) {
      throw new RejectedInput(
          "no handler found in "
              + jars
              + "; list your Handler classes in"
              + " META-INF/services/io.phaseflow.handlers.Handler inside the jar");
    }
    return registry;
  }

  private static ClassLoader jarLoader(List<Path> jars, ClassLoader parent) {
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
    return new URLClassLoader(urls, parent);
  }
}
