package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.core.PlanCatalog;
import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisDefinitionStoreIT {
  private RedisConnector connector;
  private RedisDefinitionStore store;
  private String prefix;

  @BeforeEach
  void open() {
    connector = new RedisConnector(TestServers.redisSettings());
    prefix = "pfdef" + UUID.randomUUID().toString().substring(0, 6);
    store = new RedisDefinitionStore(connector.connect(), prefix);
  }

  @AfterEach
  void close() {
    RedisCleanup.deletePrefix(connector, prefix);
    store.close();
    connector.close();
  }

  private static String json(int version, String finalPhase) {
    return "{\"workflow\": \"flow\", \"version\": "
        + version
        + ", \"phases\": {"
        + "\"a\": {\"is_initial\": true, \"transitions_to\": \""
        + finalPhase
        + "\"},"
        + "\""
        + finalPhase
        + "\": {\"is_final\": true}}}";
  }

  private static CompiledDefinition compiled(String json) {
    return CompiledDefinition.of(json, "test");
  }

  @Test
  void aRedisFailureIsRetryableSoAStartWaitingForItIsRedeliveredNotDeadLettered() {
    var lost = connector.connect();
    RedisDefinitionStore cut = new RedisDefinitionStore(lost, prefix);
    lost.close(); // every command now fails as it does while Redis is down

    for (Runnable read :
        new Runnable[] {
          () -> cut.find("flow", 1),
          () -> cut.latestVersion("flow"),
          () -> cut.names(),
          () -> cut.versions("flow"),
          () -> cut.save(compiled(json(1, "done")))
        }) {
      assertThatThrownBy(read::run)
          .isInstanceOf(PhaseflowException.class)
          .hasMessageStartingWith("Redis failed ")
          .hasMessageContaining("(nothing was changed)")
          .matches(e -> ((PhaseflowException) e).retryable(), "retryable");
    }
  }

  @Test
  void storesVersionsOnceAndRefusesChangedContentUnderAnOldVersion() {
    assertThat(store.save(compiled(json(1, "done")))).isEqualTo(RedisDefinitionStore.Stored.ADDED);
    assertThat(store.save(compiled(json(1, "done"))))
        .isEqualTo(RedisDefinitionStore.Stored.UNCHANGED);
    assertThatThrownBy(() -> store.save(compiled(json(1, "end"))))
        .hasMessageContaining("version 1 is already loaded with different content (stored sha256 ")
        .hasMessageContaining("new \"version\"");
    store.save(compiled(json(2, "end")));

    assertThat(store.names()).containsExactly("flow");
    assertThat(store.versions("flow")).containsExactly(1, 2);
    assertThat(store.find("flow", 2).orElseThrow().definition().phases()).containsKey("end");
    assertThat(store.find("flow", 3)).isEmpty();
  }

  @Test
  void aCatalogCompilesStoredDefinitionsOnFirstUseAndFollowsNewVersions() {
    PlanCatalog plans = new PlanCatalog(store);
    store.save(compiled(json(1, "done")));

    assertThat(plans.latest("flow").version()).isEqualTo(1);
    store.save(compiled(json(2, "end")));
    assertThat(plans.latest("flow").version()).isEqualTo(2);
    assertThat(plans.get("flow", 1).table().target("a", Edge.Kind.NEXT)).isEqualTo("done");
    assertThatThrownBy(() -> plans.latest("nope")).hasMessageContaining("phaseflow load");
  }
}
