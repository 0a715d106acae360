package io.phaseflow.bench;

import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.PlanCatalog;
import io.phaseflow.engine.redis.ConnectRetry;
import io.phaseflow.engine.redis.RedisConnection;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisDefinitionStore;
import io.phaseflow.engine.redis.RedisSettings;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The chaos gate: on a Redis and a RabbitMQ node of its own, runs engine and handler processes,
 * starts workload W1 workflows while killing every process with SIGKILL every 3 to 5 s and each
 * server at least once, then checks every workflow from Redis ({@link WorkflowChecker}), that no
 * started workflow is missing and that the dead letters are empty. Prints the figures; stops and
 * removes everything it started, also when interrupted.
 */
public final class ChaosRun {
  /** What to run. */
  public record Settings(
      int workflows, int seconds, int engines, int handlers, long seed, int timeoutSeconds) {}

  static final String DEFINITION = "w1";
  static final Map<String, Integer> FAN_OUT = Map.of("a", 10, "b", 10, "c", 1);
  private static final String PREFIX = "pf";

  private final Settings s;
  private final Random random;

  public ChaosRun(Settings settings) {
    this.s = settings;
    this.random = new Random(settings.seed());
  }

  /** Runs it and prints the figures; returns the number of violations found. */
  public int run(PrintWriter out) throws Exception {
    Path tmp = Files.createTempDirectory("pfchaos-");
    // The RabbitMQ node runs as the rabbitmq user: it must be able to reach its directory.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    ChaosResources r = new ChaosResources(tmp);
    Thread hook = new Thread(r::close, "chaos-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run(r, tmp, out);
    } finally {
      r.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs (or ran) anyway
      }
    }
  }

  private int run(ChaosResources r, Path tmp, PrintWriter out) throws Exception {
    out.printf(
        "phaseflow bench chaos: W1 x %,d workflows (10 + 10 + 1 no-op jobs each), %d engines, %d"
            + " handler processes (%d with --direct), %d s of chaos, seed %d%n",
        s.workflows(), s.engines(), s.handlers(), s.handlers() / 2, s.seconds(), s.seed());
    out.flush();
    PrivateRedis redis = r.redis = PrivateRedis.start(tmp.resolve("redis"));
    PrivateRabbit rabbit = r.rabbit = PrivateRabbit.start(tmp.resolve("rabbitmq"));
    out.printf(
        "servers             Redis on 127.0.0.1:%d (append-only, fsync always), RabbitMQ node %s"
            + " on 127.0.0.1:%d%n",
        redis.port(), rabbit.node(), rabbit.port());
    out.flush();
    List<String> servers = List.of("--redis", redis.url(), "--amqp", rabbit.url());
    Path definition = Files.writeString(tmp.resolve("w1.json"), W1_JSON);
    PrivateRabbit.run(
        ProcessSupervisor.command(concat(List.of("load", definition.toString()), servers)),
        Map.of(),
        120);

    Path logs = Files.createDirectories(tmp.resolve("logs"));
    ProcessSupervisor supervisor = r.supervisor = new ProcessSupervisor(logs, random);
    for (int i = 0; i < s.engines(); i++) {
      supervisor.add(
          "engine", ProcessSupervisor.command(concat(List.of("engine", "--quiet"), servers)));
    }
    // Every other handler process records its results itself (handlers --direct): both ways
    // a result reaches the store are killed and restarted alike.
    for (int i = 0; i < s.handlers(); i++) {
      List<String> handlers =
          i % 2 == 1
              ? List.of("handlers", "--queue", "Noop", "--direct")
              : List.of("handlers", "--queue", "Noop");
      supervisor.add("handlers", ProcessSupervisor.command(concat(handlers, servers)));
    }
    ScheduledExecutorService ticker = r.ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleWithFixedDelay(
        () -> {
          try {
            supervisor.tick();
          } catch (Exception e) {
            out.println("supervisor: " + e);
          }
        },
        100,
        100,
        TimeUnit.MILLISECONDS);

    RedisConnector connector =
        r.connector =
            new RedisConnector(
                RedisSettings.parse(redis.url()),
                new ConnectRetry(30, Duration.ofMillis(100), Duration.ofSeconds(1)));
    RabbitBus bus = r.bus = RabbitBus.connect(AmqpSettings.parse(rabbit.url()));
    RedisStateStore store =
        RedisStateStore.connect(connector, PREFIX, StateStore.DEFAULT_RETENTION);
    r.store = store;
    RedisDefinitionStore definitions =
        r.definitions = new RedisDefinitionStore(connector.connect(), PREFIX);
    Engine engine =
        Engine.builder().store(store).bus(bus).plans(new PlanCatalog(definitions)).build();

    long t0 = System.nanoTime();
    supervisor.chaos(true);
    ChaosStarter starter =
        new ChaosStarter(engine, DEFINITION, s.workflows(), s.seconds() * 800L).start();
    ServerKills kills = serverChaos(redis, rabbit, t0);
    supervisor.chaos(false);
    double chaosSeconds = (System.nanoTime() - t0) / 1e9;
    boolean allStarted = starter.await(s.timeoutSeconds() * 1000L);
    List<String> started = starter.started();

    long t1 = System.nanoTime();
    RedisConnection connection = r.reader = connector.connect();
    StoredWorkflowReader reader =
        new StoredWorkflowReader(connection.sync(), PREFIX, store::workflowKey);
    boolean settled = settle(reader, started, t1 + TimeUnit.SECONDS.toNanos(s.timeoutSeconds()));
    double settleSeconds = (System.nanoTime() - t1) / 1e9;

    long t2 = System.nanoTime();
    ChaosCheck check = new ChaosCheck(new WorkflowChecker(FAN_OUT));
    check.workflows(s.workflows(), started, reader.ids(), reader::read);
    check.deadLetters(rabbit.queueDepths());
    double checkSeconds = (System.nanoTime() - t2) / 1e9;

    out.printf(
        "workflows           %,d started (%,d starts retried while a server was down%s), %,d in"
            + " Redis: %,d succeeded, %,d failed, %,d not final%s%n",
        started.size(),
        starter.failures(),
        allStarted ? "" : "; starting timed out",
        check.stored(),
        check.succeeded(),
        check.failed(),
        check.running(),
        settled ? "" : " after the " + s.timeoutSeconds() + " s timeout");
    out.printf("jobs                %,d in the phase entries checked%n", check.jobs());
    out.printf(
        "process kills       engines %d, handlers %d (SIGKILL, restarted); exits on their own,"
            + " restarted: engines %s, handlers %s%n",
        supervisor.kills("engine"),
        supervisor.kills("handlers"),
        exits(supervisor.exits("engine")),
        exits(supervisor.exits("handlers")));
    supervisor.exitNotes().forEach(note -> out.println("  " + note));
    out.printf("server kills        %s%n", kills);
    out.printf(
        "duration            chaos %.1f s, until every workflow ended %.1f s, check %.1f s%n",
        chaosSeconds, settleSeconds, checkSeconds);
    out.printf("dead letters        %,d messages%n", check.deadLetterMessages());
    out.printf("violations          %,d%n", check.violations().size());
    check.violations().stream().limit(30).forEach(v -> out.println("  " + v));
    if (check.violations().size() > 30) {
      out.printf("  ... and %,d more%n", check.violations().size() - 30);
    }
    out.flush();
    return check.violations().size();
  }

  /** Server kills and restarts, spread over the chaos window: RabbitMQ first, then Redis, ... */
  private ServerKills serverChaos(PrivateRedis redis, PrivateRabbit rabbit, long t0)
      throws Exception {
    ServerKills kills = new ServerKills();
    int outages = Math.max(2, s.seconds() / 30);
    long window = TimeUnit.SECONDS.toNanos(s.seconds());
    for (int k = 0; k < outages; k++) {
      long jitter = (long) ((random.nextDouble() - 0.5) * window / (outages + 1) / 2);
      sleepUntil(t0 + window * (k + 1) / (outages + 1) + jitter);
      long down = System.nanoTime();
      if (k % 2 == 0) {
        rabbit.kill();
        rabbit.restart();
        kills.rabbit((System.nanoTime() - down) / 1e9);
      } else {
        redis.kill();
        Thread.sleep(1000 + random.nextInt(2000)); // down a while: clients notice
        redis.restart();
        kills.redis((System.nanoTime() - down) / 1e9);
      }
    }
    sleepUntil(t0 + window);
    return kills;
  }

  /** Waits until every started and every stored workflow is final; false on the deadline. */
  private static boolean settle(StoredWorkflowReader reader, List<String> started, long deadline)
      throws InterruptedException {
    Set<String> pending = new LinkedHashSet<>(started);
    boolean scanned = false;
    while (System.nanoTime() < deadline) {
      try {
        pending.removeIf(id -> reader.status(id).filter(st -> !st.equals("R")).isPresent());
        if (pending.isEmpty() && !scanned) {
          pending.addAll(reader.ids()); // also those whose start threw but got through
          scanned = true;
          continue;
        }
        if (pending.isEmpty()) {
          return true;
        }
      } catch (RuntimeException redisNotBackYet) {
        // try again
      }
      Thread.sleep(500);
    }
    return false;
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static String exits(Map<Integer, Integer> byCode) {
    if (byCode.isEmpty()) {
      return "0";
    }
    List<String> parts = new ArrayList<>();
    byCode.forEach((code, n) -> parts.add(n + " with code " + code));
    return String.join(", ", parts);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * W1 as a definition file: a (10 jobs) → b (10 jobs, 5 to a message, so batches are killed
   * mid-way too) → c (1 job, final).
   */
  static final String W1_JSON =
      """
      {
        "workflow": "w1",
        "version": 1,
        "description": "Chaos workload: 10 no-op jobs, 10 more, then one.",
        "data": {"items": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]},
        "phases": {
          "a": {"is_initial": true, "transitions_to": "b",
                "handlers": [{"name": "Noop", "version": 1, "for_each": "/data/items"}]},
          "b": {"transitions_to": "c",
                "handlers": [{"name": "Noop", "version": 1, "for_each": "/data/items",
                              "jobs_per_message": 5}]},
          "c": {"is_final": true, "handlers": ["Noop"]}
        }
      }
      """;
}
