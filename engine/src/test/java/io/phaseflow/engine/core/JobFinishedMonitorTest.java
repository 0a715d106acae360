package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.protocol.JobFinished;
import io.phaseflow.handlers.protocol.Messages;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The store calls one JobFinished costs, as a table: the monitor reads a job at most once, and a
 * success within the output limit costs only its completion. Server-free: the in-memory store, its
 * calls recorded through the StateStore interface.
 */
class JobFinishedMonitorTest {
  private static final int LIMIT = 100;

  private final List<String> calls = new ArrayList<>();
  private final InMemoryStateStore real = new InMemoryStateStore();
  private final InMemoryBus bus = new InMemoryBus();
  private StateStore store;
  private JobFinishedMonitor monitor;

  @BeforeEach
  void startAWorkflowWithOneJobOfTwoAttempts() {
    store = recorded(real);
    JobSpec spec =
        new JobSpec(0, "Resize", "Resize", 1, 2, JsonNodeFactory.instance.nullNode(), List.of());
    real.start(
        WorkflowRecord.created("wf", "def", 1, JsonNodeFactory.instance.objectNode(), 1000),
        new NewEntry(1, "a", List.of(spec), null));
    monitor =
        new JobFinishedMonitor(
            store,
            bus,
            new JobDispatcher(store, store.attempts(), bus, Clock.systemUTC()),
            Clock.systemUTC(),
            LIMIT,
            EngineMetrics.NONE,
            () -> 0.5);
    calls.clear(); // building the dispatcher took the store's attempt steps
  }

  @AfterEach
  void close() {
    bus.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // case                          | job | attempt | ok    | output bytes | retryable | store
        // calls
        "success within the limit        | 0   | 1       | true  | 10           | false     | complete",
        "success over the limit          | 0   | 1       | true  | 101          | false     | job complete",
        "failure, not retryable          | 0   | 1       | false | 0            | false     | job complete",
        "retryable failure, attempts left| 0   | 1       | false | 0            | true      | job attempts",
        "retryable failure, last attempt | 0   | 2       | false | 0            | true      | job complete",
        "failure of an unknown job       | 9   | 1       | false | 0            | true      | job",
        "success over the limit, unknown | 9   | 1       | true  | 101          | false     | job",
      })
  void storeCalls(
      String ignored,
      int job,
      int attempt,
      boolean ok,
      int outputBytes,
      boolean retryable,
      String expected) {
    if (attempt == 2) {
      real.retry("wf", 1, 0, 1);
    }
    // a JSON string of n characters is n + 2 bytes with its quotes
    JsonNode output = ok ? JsonNodeFactory.instance.textNode("x".repeat(outputBytes - 2)) : null;
    monitor.onMessage(
        Messages.encode(
            new JobFinished(
                "wf",
                1,
                job,
                attempt,
                "Resize",
                ok,
                output,
                ok ? null : "boom",
                retryable,
                1500,
                1600)));

    assertThat(String.join(" ", calls)).isEqualTo(expected);
  }

  /** {@code target}, with the name of every call made through it recorded in {@link #calls}. */
  private StateStore recorded(StateStore target) {
    return (StateStore)
        Proxy.newProxyInstance(
            StateStore.class.getClassLoader(),
            new Class<?>[] {StateStore.class},
            (p, m, args) -> {
              calls.add(m.getName());
              try {
                return m.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
