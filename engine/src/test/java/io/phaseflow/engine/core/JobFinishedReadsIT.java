package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.redis.RedisConnection;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.protocol.JobFinished;
import io.phaseflow.handlers.protocol.Messages;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many times one JobFinished reads its job from Redis: the commands the store sends are counted
 * on a real server. A job read is one HMGET of its fields; the decision needs it at most once.
 */
class JobFinishedReadsIT {
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfreads");
  private static final int LIMIT = 100;

  private static RedisConnector client;
  private static RedisClient standalone;
  private static RedisStateStore store;
  private static final Map<String, AtomicInteger> SENT = new ConcurrentHashMap<>();

  private final InMemoryBus bus = new InMemoryBus();
  private JobFinishedMonitor monitor;
  private String id;

  @BeforeAll
  static void connect() {
    client = new RedisConnector(TestServers.redisSettings());
    standalone = RedisClient.create(TestServers.redisSettings().toRedisUri());
    store =
        new RedisStateStore(
            RedisConnection.standalone(counted(standalone.connect(StringCodec.UTF8))),
            PREFIX,
            Duration.ofHours(1),
            "test");
  }

  @AfterAll
  static void disconnect() {
    store.close();
    standalone.shutdown();
    RedisCleanup.deletePrefix(client, PREFIX);
    client.close();
  }

  @BeforeEach
  void startAWorkflowWithOneJobOfTwoAttempts() {
    id = "r" + UUID.randomUUID().toString().substring(0, 8);
    JobSpec spec =
        new JobSpec(0, "Resize", "Resize", 1, 2, JsonNodeFactory.instance.nullNode(), List.of());
    store.start(
        WorkflowRecord.created(id, "wf", 1, JsonNodeFactory.instance.objectNode(), 1000),
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
    SENT.clear();
  }

  @Test
  void aFailureOnItsLastAttemptReadsItsJobOnce() {
    store.retry(id, 1, 0, 1);
    SENT.clear();
    monitor.onMessage(finished(2, false, null, "timeout", true));

    assertThat(reads("hmget")).as("job reads").isEqualTo(1);
    assertThat(store.entry(id, 1).orElseThrow().error()).isEqualTo("job 0 (Resize): timeout");
  }

  @Test
  void anOutputOverTheLimitReadsItsJobOnce() {
    JsonNode big = JsonNodeFactory.instance.textNode("x".repeat(LIMIT));
    monitor.onMessage(finished(1, true, big, null, false));

    assertThat(reads("hmget")).as("job reads").isEqualTo(1);
    assertThat(store.entry(id, 1).orElseThrow().error())
        .startsWith("job 0 (Resize): output of Resize is 102 bytes, over the limit of 100");
  }

  @Test
  void aFailureThatIsNotRetriedReadsItsJobOnce() {
    monitor.onMessage(finished(1, false, null, "bad input", false));

    assertThat(reads("hmget")).as("job reads").isEqualTo(1);
    assertThat(store.entry(id, 1).orElseThrow().error()).isEqualTo("job 0 (Resize): bad input");
  }

  @Test
  void aRetryReadsItsJobOnceAndStartsTheNextAttempt() {
    monitor.onMessage(finished(1, false, null, "timeout", true));

    assertThat(reads("hmget")).as("job reads").isEqualTo(1);
    assertThat(store.job(id, 1, 0).orElseThrow())
        .extracting(JobRecord::status, JobRecord::attempt)
        .containsExactly(JobStatus.READY, 2);
  }

  @Test
  void aSuccessWithinTheLimitReadsNothing() {
    monitor.onMessage(finished(1, true, JsonNodeFactory.instance.numberNode(7), null, false));

    assertThat(SENT.keySet()).as("commands sent").containsOnly("evalsha");
    assertThat(store.job(id, 1, 0).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  private byte[] finished(int attempt, boolean ok, JsonNode output, String error, boolean retry) {
    return Messages.encode(
        new JobFinished(id, 1, 0, attempt, "Resize", ok, output, error, retry, 1500, 1600));
  }

  private static int reads(String command) {
    return SENT.getOrDefault(command, new AtomicInteger()).get();
  }

  /** The connection, with every synchronous command counted by name before it is sent. */
  @SuppressWarnings("unchecked")
  private static StatefulRedisConnection<String, String> counted(
      StatefulRedisConnection<String, String> real) {
    RedisCommands<String, String> sync =
        (RedisCommands<String, String>)
            Proxy.newProxyInstance(
                RedisCommands.class.getClassLoader(),
                new Class<?>[] {RedisCommands.class},
                (p, m, args) -> {
                  SENT.computeIfAbsent(m.getName(), k -> new AtomicInteger()).incrementAndGet();
                  return invoke(m, real.sync(), args);
                });
    return (StatefulRedisConnection<String, String>)
        Proxy.newProxyInstance(
            StatefulRedisConnection.class.getClassLoader(),
            new Class<?>[] {StatefulRedisConnection.class},
            (p, m, args) -> m.getName().equals("sync") ? sync : invoke(m, real, args));
  }

  private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
