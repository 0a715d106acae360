package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.ProtocolSchemas;
import io.phaseflow.engine.testing.ProtocolSchemas.Kind;
import io.phaseflow.engine.testing.RecordingBus;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.Heartbeat;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.JobFinished;
import io.phaseflow.handlers.protocol.JobHeartbeat;
import io.phaseflow.handlers.protocol.Messages;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The messages the handler runner and the engine write validate against the job protocol's JSON
 * Schemas (docs/schema/, docs/protocol.md): the document cannot drift from the code. First messages
 * encoded from real objects, then every message of an in-memory run that succeeds, heart beats,
 * retries and fails into its error phase.
 */
class ProtocolSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final String DEFINITION =
      """
      {"workflow": "protocol", "data": {"items": [1, 2]}, "phases": {
        "fan": {"is_initial": true, "transitions_to": "flaky", "on_error_transition_to": "report",
                "handlers": [{"name": "Beat", "for_each": "/data/items", "heartbeat_timeout": "30s"},
                             {"name": "Batch", "for_each": "/data/items", "jobs_per_message": 2}]},
        "flaky": {"transitions_to": "refuse", "on_error_transition_to": "report",
                  "handlers": [{"name": "Flaky", "max_attempts": 2,
                                "backoff": {"initial": "10ms", "jitter": 0}}]},
        "refuse": {"transitions_to": "done", "on_error_transition_to": "report",
                   "handlers": ["Refuse"]},
        "report": {"is_final": true, "handlers": ["Report"]},
        "done": {"is_final": true}}}
      """;

  private static Job job(long heartbeatMillis, JsonNode payload) {
    return new Job(
        "wf-1",
        "fan",
        1,
        0,
        1,
        "Beat",
        1,
        payload,
        NODES.objectNode().put("n", 1),
        NODES.objectNode(),
        heartbeatMillis);
  }

  @Test
  void encodedMessagesOfEveryShapeValidate() {
    Job plain = job(0, null);
    Job beating = job(30_000, NODES.arrayNode().add(1));
    Map<Kind, List<Object>> messages =
        Map.of(
            Kind.JOB,
            List.of(plain, beating),
            Kind.JOB_FINISHED,
            List.of(
                JobFinished.of(plain, JobResult.success(NODES.objectNode().put("a", 1)), 10, 20),
                JobFinished.of(plain, JobResult.success(null), 10, 20),
                JobFinished.of(plain, JobResult.failure("bad input", false), 10, 20),
                JobFinished.of(beating, JobResult.failure("server down", true), 10, 20)),
            Kind.JOB_HEARTBEAT,
            List.of(JobHeartbeat.of(beating, 15)));
    assertThat(
            ProtocolSchemas.problems(
                Kind.JOB, Messages.batch(List.of(Messages.encode(plain), Messages.encode(plain)))))
        .as("a batch")
        .isEmpty();
    messages.forEach(
        (kind, list) ->
            list.forEach(
                m ->
                    assertThat(ProtocolSchemas.problems(kind, Messages.encode(m)))
                        .as("%s as %s", new String(Messages.encode(m)), kind)
                        .isEmpty()));
  }

  /** The schemas can fail: what the engine would refuse, they refuse too. */
  @Test
  void theSchemasRefuseWhatTheReadersRefuse() {
    assertThat(
            problems(
                Kind.JOB_FINISHED,
                "{\"format\":2,\"workflowId\":\"w\",\"entry\":1,"
                    + "\"job\":0,\"attempt\":1,\"handler\":\"H\",\"ok\":false,\"retryable\":true,"
                    + "\"startedAt\":1,\"finishedAt\":2}"))
        .as("a failure without error")
        .isNotEmpty();
    assertThat(
            problems(
                Kind.JOB,
                "{\"format\":2,\"workflowId\":\"w\",\"phase\":\"p\","
                    + "\"entry\":1,\"job\":0,\"handler\":\"H\",\"version\":1}"))
        .as("a job without attempt")
        .isNotEmpty();
    assertThat(problems(Kind.JOB, "[]")).as("an empty batch").isNotEmpty();
    assertThat(
            problems(
                Kind.JOB,
                "[{\"format\":2,\"workflowId\":\"w\",\"phase\":\"p\","
                    + "\"entry\":1,\"job\":0,\"handler\":\"H\",\"version\":1}]"))
        .as("a batch with a job without attempt")
        .isNotEmpty();
    assertThat(
            problems(
                Kind.JOB_HEARTBEAT,
                "{\"format\":2,\"workflowId\":\"w\",\"entry\":0,"
                    + "\"job\":0,\"attempt\":1,\"at\":5}"))
        .as("entry 0")
        .isNotEmpty();
    assertThat(
            problems(
                Kind.JOB_HEARTBEAT,
                "{\"format\":2,\"workflowId\":\"w\",\"entry\":1,"
                    + "\"job\":0,\"attempt\":1,\"at\":5,\"extra\":true}"))
        .as("a field the protocol does not define")
        .isNotEmpty();
  }

  @Test
  void everyMessageOfAnInMemoryRunValidates() throws Exception {
    AtomicInteger flakyCalls = new AtomicInteger();
    HandlerRegistry registry =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of(
                    "Beat",
                    j -> {
                      Heartbeat.beat();
                      return j.payload();
                    }),
                TestHandlers.flaky("Flaky", 1, flakyCalls),
                TestHandlers.failing("Refuse", "refused on purpose"),
                TestHandlers.of("Report", j -> null),
                TestHandlers.of("Batch", j -> j.payload())));
    RecordingBus bus = new RecordingBus(new InMemoryBus());
    Engine engine =
        Engine.builder()
            .store(new InMemoryStateStore())
            .bus(bus)
            .handlers(registry)
            .watchdogInterval(Duration.ofMillis(50))
            .build()
            .start();
    engine
        .plans()
        .add(CompiledDefinition.compile(new DefinitionLoader().parse(DEFINITION, "protocol")));
    HandlerRunner.Deployment handlers =
        new HandlerRunner(new BusJobSource(bus, Clock.systemUTC())).deployAll(registry, 2);
    try {
      String id = engine.startWorkflow("protocol", null);
      WorkflowRecord wf = engine.await(id, Duration.ofSeconds(30));
      assertThat(wf.status()).isEqualTo(WorkflowStatus.FAILED);
      assertThat(wf.phase()).isEqualTo("report");
    } finally {
      handlers.close();
      engine.close();
    }

    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    for (RecordingBus.Seen m : bus.seen()) {
      Kind kind = ProtocolSchemas.kindOf(m.queue());
      if (kind != null) {
        counts.merge(kind, 1, Integer::sum);
        assertThat(ProtocolSchemas.problems(kind, m.body())).as(m.toString()).isEmpty();
      }
    }
    assertThat(counts).containsOnlyKeys(Kind.values());
    assertThat(bus.seen())
        .as("a batch of jobs went over the wire")
        .anyMatch(m -> ProtocolSchemas.kindOf(m.queue()) == Kind.JOB && read(m.body()).isArray());
    List<JsonNode> finished =
        bus.seen().stream()
            .filter(m -> ProtocolSchemas.kindOf(m.queue()) == Kind.JOB_FINISHED && !m.consumed())
            .map(m -> read(m.body()))
            .toList();
    assertThat(finished)
        .as("a success, a retryable and a non-retryable failure went over the wire")
        .anyMatch(m -> m.get("ok").asBoolean())
        .anyMatch(m -> !m.get("ok").asBoolean() && m.get("retryable").asBoolean())
        .anyMatch(m -> !m.get("ok").asBoolean() && !m.get("retryable").asBoolean());
  }

  private static List<String> problems(Kind kind, String body) {
    return ProtocolSchemas.problems(kind, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static JsonNode read(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
