package io.phaseflow.engine.testing;

/**
 * Keeps the unit tier server-free by construction: surefire sets {@value #PROPERTY}={@value #UNIT},
 * and every way to a server in the tests (TestServers, SpareRedis) asks here first, so a unit test
 * that needs a server fails at once, naming itself, instead of passing only on machines where the
 * servers happen to run. Failsafe (the *IT classes) and IDE runs leave it unset.
 */
public final class TestTier {
  static final String PROPERTY = "phaseflow.test.tier";
  static final String UNIT = "unit";

  private TestTier() {}

  /** Throws in the unit tier: {@code what} (a server or a process) belongs to an *IT class. */
  public static void requireIntegrationTier(String what) {
    if (UNIT.equals(System.getProperty(PROPERTY))) {
      throw new IllegalStateException(
          callerTestClass()
              + " needs "
              + what
              + ", but runs in the unit tier (mvn test), which must pass with every server down."
              + " Rename it to *IT (or move its server tests into one) so that failsafe runs it"
              + " in mvn verify.");
    }
  }

  /** The first *Test class on the stack: the class surefire runs (helpers and lambdas skipped). */
  private static String callerTestClass() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .map(f -> f.getClassName().replaceAll("\\$.*", ""))
                    .filter(c -> c.endsWith("Test"))
                    .findFirst()
                    .orElse("A unit test"));
  }
}
