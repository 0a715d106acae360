package io.phaseflow.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of the code base, as tests (see README "Layout"). */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.phaseflow");
  }

  @Test
  void handlersNeverDependOnTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.handlers..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.phaseflow.engine..")
        .check(classes);
  }

  @Test
  void pureCoreImportsNoServerClients() { // graph includes the dashboard's layout
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.phaseflow.engine.definition..",
            "io.phaseflow.engine.plan..",
            "io.phaseflow.engine.graph..",
            "io.phaseflow.engine.statemachine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.lettuce..", "com.rabbitmq..", "org.eclipse.jetty..", "java.net.http..")
        .check(classes);
  }

  @Test
  void jettyStaysInTheHttpPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.phaseflow.engine.http..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.eclipse.jetty..")
        .check(classes);
  }

  @Test
  void springStatemachineStaysInOnePackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.phaseflow.engine.statemachine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(classes);
  }

  @Test
  void micrometerStaysInTheMetricsPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.phaseflow.engine.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.micrometer..", "io.prometheus..")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineStartsTheHttpServer() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.phaseflow.engine.http..", "io.phaseflow.engine.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.phaseflow.engine.http..")
        .check(classes);
  }

  @Test
  void theHttpApiReadsThroughTheInspectorNotTheServers() {
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.engine.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.phaseflow.engine.redis..",
            "io.phaseflow.engine.transport..",
            "io.phaseflow.engine.cli..",
            "io.lettuce..",
            "com.rabbitmq..")
        .check(classes);
  }

  /**
   * Source to plan has one way, {@code CompiledDefinition}: the CLI, the stores and the engine
   * never read or validate definitions themselves (so {@code load} reads a file once and stores
   * what it validated; {@code Compiler.compile} is package-private). The benchmarks time reading
   * and compiling apart.
   */
  @Test
  void definitionsAreReadAndCompiledOnlyThroughCompiledDefinition() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.phaseflow.engine.definition..",
            "io.phaseflow.engine.plan..",
            "io.phaseflow.engine.bench..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.phaseflow.engine.definition.DefinitionLoader")
        .check(classes);
    noClasses()
        .that()
        .haveSimpleName("LoadCommand")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.nio.file.Files")
        .because("load reads each file once, through CompiledDefinition, and stores that text")
        .check(classes);
  }

  /**
   * The HTTP API, the dashboard and inspection read workflow state through {@code WorkflowReads}:
   * they can take no step (start, advance, complete, retry), so only the engine changes state.
   */
  @Test
  void readersDependOnTheReadsPortOnly() {
    noClasses()
        .that()
        .resideInAnyPackage("io.phaseflow.engine.http..", "io.phaseflow.engine.inspect..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.phaseflow.engine.state.WorkflowSteps")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.phaseflow.engine.state.StateStore")
        .check(classes);
  }

  /**
   * Redis key shapes, field names and reply codes have one owner, {@code RedisLayout}: no other
   * package builds Redis keys of the state store.
   */
  @Test
  void onlyTheRedisPackageKnowsTheRedisLayout() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.phaseflow.engine.redis..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.phaseflow.engine.redis.RedisLayout")
        .check(classes);
  }

  @Test
  void enginePackagesHaveNoCycles() {
    slices().matching("io.phaseflow.engine.(*)..").should().beFreeOfCycles().check(classes);
  }
}
