package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.deployed.HandlerDirectory;
import io.phaseflow.engine.deployed.HandlerSighting;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.MutableClock;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.protocol.BusJobSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requirements resolve against the handler directory: 1.2.0 and 1.4.0 share the v1 queue, 2.0.0 has
 * v2. Handlers 1.4.0 and 2.0.0 run in this process on the in-memory bus and answer with their full
 * version, so the outputs say which version ran each job.
 */
class HandlerVersionRoutingTest {
  private final MutableClock clock = new MutableClock(System.currentTimeMillis());
  private final List<HandlerSighting> sightings = new CopyOnWriteArrayList<>();
  private final HandlerDirectory directory =
      new HandlerDirectory() {
        @Override
        public void announce(List<HandlerSighting> s) {
          sightings.addAll(s);
        }

        @Override
        public List<HandlerSighting> sightings() {
          return List.copyOf(sightings);
        }
      };
  private final InMemoryBus bus = new InMemoryBus();
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final Engine engine =
      Engine.builder()
          .store(store)
          .bus(bus)
          .clock(clock)
          .handlerDirectory(directory)
          .build()
          .start();
  private HandlerRunner.Deployment deployment;

  /** A Pager of {@code semver}; the 1.x one takes 2.0.0 away when {@code dropTwo}. */
  private Handler pager(String semver, boolean dropTwo) {
    return new Handler() {
      @Override
      public String name() {
        return "Pager";
      }

      @Override
      public int version() {
        return Integer.parseInt(semver.substring(0, semver.indexOf('.')));
      }

      @Override
      public String semver() {
        return semver;
      }

      @Override
      public JobResult process(Job job) {
        if (dropTwo) { // 2.0.0 stops before the next phase is planned
          sightings.removeIf(s -> s.semver().equals("2.0.0"));
          clock.advance(Duration.ofSeconds(2)); // past the resolver's re-read interval
        }
        return JobResult.success(TextNode.valueOf(semver));
      }
    };
  }

  private void deploy(boolean dropTwo) {
    List<Handler> running = List.of(pager("1.4.0", dropTwo), pager("2.0.0", false));
    deployment =
        new HandlerRunner(new BusJobSource(bus, clock)).deployAll(HandlerRegistry.of(running), 1);
    long now = clock.millis();
    sightings.add(new HandlerSighting("Pager", 1, "old@h", 1, false, now, "1.2.0"));
    running.forEach(h -> sightings.add(HandlerSighting.of(h, 1, "new@h", now)));
  }

  private String define(String name, String fetch, String render) {
    String def =
        """
        {"workflow": "%s", "phases": {
          "pending": {"is_initial": true, "transitions_to": "fetch", "on_error_transition_to": "error"},
          "fetch": {"transitions_to": "render", "on_error_transition_to": "error",
                    "handlers": [{"name": "Pager", "version": %s}]},
          "render": {"transitions_to": "done", "on_error_transition_to": "error",
                     "handlers": [{"name": "Pager", "version": %s}]},
          "done": {"is_final": true},
          "error": {"is_final": true}}}
        """
            .formatted(name, fetch, render);
    engine.plans().add(CompiledDefinition.compile(new DefinitionLoader().parse(def, name)));
    return name;
  }

  @AfterEach
  void close() {
    if (deployment != null) {
      deployment.close();
    }
    engine.close();
    bus.close();
  }

  @Test
  void eachRangeRoutesToTheNewestDeployedVersionThatMeetsItAndTheHistorySaysWhich()
      throws Exception {
    deploy(false);
    String id =
        engine.startWorkflow(
            define("paging", "\"~> 1.2\"", "\"^2\""),
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    WorkflowRecord wf = engine.await(id, Duration.ofSeconds(20));

    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    JobRecord fetched = store.jobs(id, 2).get(0);
    JobRecord rendered = store.jobs(id, 3).get(0);
    assertThat(fetched.spec().version()).isEqualTo(1);
    assertThat(fetched.output().textValue()).isEqualTo("1.4.0");
    assertThat(rendered.spec().version()).isEqualTo(2);
    assertThat(rendered.output().textValue()).isEqualTo("2.0.0");
    assertThat(store.history(id))
        .extracting(TransitionRecord::to, TransitionRecord::note)
        .contains(
            org.assertj.core.groups.Tuple.tuple("fetch", "versions: Pager ~> 1.2 = 1.4.0"),
            org.assertj.core.groups.Tuple.tuple("render", "versions: Pager ^2 = 2.0.0"));
  }

  @Test
  void aPlainMajorRoutesAsBeforeAndIsNotNoted() throws Exception {
    deploy(false);
    String id =
        engine.startWorkflow(
            define("plain", "1", "2"),
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    WorkflowRecord wf = engine.await(id, Duration.ofSeconds(20));

    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(store.jobs(id, 3).get(0).output().textValue()).isEqualTo("2.0.0");
    assertThat(store.history(id)).extracting(TransitionRecord::note).containsOnlyNulls();
  }

  @Test
  void aStartWhoseRequirementNothingDeployedMeetsIsRefusedNamingTheDeployedVersions() {
    deploy(false);
    String name = define("too-new", "\"~> 1.2\"", "\">= 3\"");

    assertThatThrownBy(
            () ->
                engine.startWorkflow(
                    name,
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(RejectedInput.class)
        .hasMessageStartingWith(
            "handler Pager: no deployed version satisfies '>= 3' (>= 3.0.0); deployed: [1.2.0,"
                + " 1.4.0, 2.0.0];");
    assertThat(store.list(io.phaseflow.engine.state.WorkflowQuery.all()).workflows()).isEmpty();
  }

  @Test
  void aVersionThatLeavesAfterTheStartFailsTheEntryWithTheReasonNotAStuckJob() throws Exception {
    deploy(true);
    String id =
        engine.startWorkflow(
            define("gone", "\"~> 1.2\"", "\"^2\""),
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    WorkflowRecord wf = engine.await(id, Duration.ofSeconds(20));

    assertThat(wf.phase()).isEqualTo("error");
    assertThat(store.jobs(id, 3)).isEmpty();
    assertThat(store.history(id))
        .filteredOn(t -> "render".equals(t.from()))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.error())
                    .contains(
                        "handler Pager: no deployed version satisfies '^2' (>= 2.0.0, < 3.0.0);"
                            + " deployed: [1.2.0, 1.4.0]"));
  }
}
