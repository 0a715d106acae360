package io.phaseflow.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.PlanCatalog;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisDefinitionStore;
import io.phaseflow.engine.redis.RedisSettings;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.transport.InMemoryBus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away under a serving API (as {@code phaseflow serve} wires it: state and definitions
 * in Redis): every route answers 503 with Retry-After, so a client knows to try again, rather than
 * 500. The test runs a redis-server of its own on a spare port and kills it.
 */
class HttpApiRedisOutageIT {
  private static final String START = "{\"definition\": \"search\", \"input\": {}}";

  @Test
  void everyRouteIs503WhileRedisIsDown() throws Exception {
    int redisPort = sparePort();
    Process redis =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(redisPort),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(Files.createTempFile("phaseflow-redis", ".log").toFile())
            .start();
    try {
      awaitListening(redisPort);
      RedisSettings settings =
          RedisSettings.parse("redis://127.0.0.1:" + redisPort)
              .withCommandTimeout(Duration.ofMillis(500));
      try (RedisConnector connector = new RedisConnector(settings);
          StateStore store =
              RedisStateStore.connect(connector, "pf", StateStore.DEFAULT_RETENTION);
          RedisDefinitionStore definitions = new RedisDefinitionStore(connector.connect(), "pf");
          InMemoryBus bus = new InMemoryBus()) {
        String json = Files.readString(RepoFiles.definition("search.json"));
        definitions.save(CompiledDefinition.of(json, "search.json"));
        PlanCatalog plans = new PlanCatalog(definitions);
        Engine engine = Engine.builder().store(store).bus(bus).plans(plans).build();
        try (HttpApi api =
            HttpApi.builder()
                .inspector(new Inspector(store))
                .definitions(
                    DefinitionCatalog.stored(definitions::names, definitions::versions, plans))
                .starter(engine::startWorkflow)
                .start()) {
          int port = api.port();
          assertThat(RawHttp.send(port, "GET", "/api/definitions", "", "").status()).isEqualTo(200);

          redis.destroyForcibly();
          assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();

          for (String path :
              new String[] {
                "/api/definitions",
                "/api/definitions/search",
                "/api/workflows",
                "/api/workflows/x-1",
                "/api/workflows/x-1/history"
              }) {
            assertUnavailable(RawHttp.send(port, "GET", path, "", ""), "GET " + path);
          }
          assertUnavailable(
              RawHttp.send(port, "POST", "/api/workflows", "Content-Type: application/json", START),
              "POST /api/workflows");
        } finally {
          engine.close();
        }
      }
    } finally {
      redis.destroyForcibly();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void assertUnavailable(RawHttp.Reply r, String what) {
    assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(503);
    assertThat(r.header("Retry-After")).as(what).isNotNull();
    assertThat(r.body()).as(what).contains("Redis").contains("try again later");
  }

  private static int sparePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("redis-server did not listen on port " + port + " within 10 s");
  }
}
