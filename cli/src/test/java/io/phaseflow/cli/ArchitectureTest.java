package io.phaseflow.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.phaseflow.engine.ErrorKind;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.state.WorkflowSteps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package and module rules of the code base, as tests (see README "Layout"). They live in the
 * cli module because only its classpath holds every module: handlers, engine, bench and cli.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The engine's test-jar (test utilities) is on this classpath once packaged.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.phaseflow");
  }

  @Test
  void everyModuleIsChecked() { // else a rule about a module missing here would pass vacuously
    assertThat(classes.contain("io.phaseflow.handlers.Handler")).isTrue();
    assertThat(classes.contain("io.phaseflow.engine.core.Engine")).isTrue();
    assertThat(classes.contain("io.phaseflow.bench.ChaosRun")).isTrue();
    assertThat(classes.contain("io.phaseflow.cli.PhaseflowCommand")).isTrue();
    assertThat(classes.contain("io.phaseflow.cli.print.StatusPrinter")).isTrue();
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

  /**
   * The sample handlers reach the application as any handler jar's do (ServiceLoader), so the
   * engine runs without them and they stay examples of the handler API, not engine code.
   */
  @Test
  void theEngineNeverNamesTheSamples() {
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.phaseflow.samples..")
        .check(classes);
  }

  @Test
  void theEngineDependsOnNeitherTheCommandLineNorTheBenchmarks() {
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.phaseflow.cli..", "io.phaseflow.bench..")
        .check(classes);
  }

  @Test
  void theBenchmarksNeverDependOnTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.phaseflow.cli..", "picocli..")
        .check(classes);
  }

  /** Commands parse options and choose exit codes; printers only turn values into text. */
  @Test
  void printersOnlyFormat() {
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.cli.print..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..", "io.phaseflow.cli")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.cli.print..")
        .should()
        .callMethod(System.class, "exit", int.class)
        .check(classes);
  }

  @Test
  void picocliStaysInTheCommandPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.phaseflow.cli")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
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

  /** Spring Statemachine stays in one package, Spring's cron parser in one class. */
  @Test
  void springStatemachineStaysInOnePackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.phaseflow.engine.statemachine..")
        .and()
        .doNotHaveFullyQualifiedName("io.phaseflow.engine.schedule.CronSchedule")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(classes);
    noClasses()
        .that()
        .haveFullyQualifiedName("io.phaseflow.engine.schedule.CronSchedule")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("org.springframework..")
                .and(
                    JavaClass.Predicates.resideOutsideOfPackage(
                        "org.springframework.scheduling.support..")))
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
        .resideOutsideOfPackages("io.phaseflow.engine.http..", "io.phaseflow.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.phaseflow.engine.http..")
        .check(classes);
  }

  /**
   * Dead letters are a port ({@code engine.dead}) the transport implements: the HTTP API and the
   * command line use it without knowing how a broker keeps them.
   */
  @Test
  void theDeadLettersPortKnowsNoBroker() {
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.engine.dead..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.phaseflow.engine.transport..", "io.phaseflow.engine.redis..", "com.rabbitmq..")
        .check(classes);
  }

  /**
   * The handler directory ({@code engine.deployed}) is a port Redis implements: its readers (load,
   * status, the API, the engine) never see Redis.
   */
  @Test
  void theHandlerDirectoryKnowsNoServer() {
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.engine.deployed..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.phaseflow.engine.redis..",
            "io.phaseflow.engine.transport..",
            "io.lettuce..",
            "com.rabbitmq..")
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
            "io.phaseflow.cli..",
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
            "io.phaseflow.bench..")
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
   * The error family is closed: its kinds live beside {@code ErrorKind}, and only the definition
   * package adds one (its {@code DefinitionException}, an {@code InvalidDefinition} with located
   * errors). A new failure picks a kind instead of a new type the adapters would not know.
   */
  @Test
  void errorTypesAreKindsOfTheOneFamily() {
    classes()
        .that()
        .areAssignableTo(PhaseflowException.class)
        .should()
        .resideInAPackage("io.phaseflow.engine")
        .orShould()
        .haveFullyQualifiedName("io.phaseflow.engine.definition.DefinitionException")
        .check(classes);
  }

  /**
   * An error's HTTP status and exit code are decided once, in {@code ErrorKind}: only the HTTP
   * error mapping reads the status and only the CLI's exception handler the exit code.
   */
  @Test
  void onlyTheAdaptersErrorMappingsReadAKindsStatusOrExitCode() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.phaseflow.engine.http.Errors")
        .should()
        .callMethod(ErrorKind.class, "httpStatus")
        .check(classes);
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.phaseflow.cli.PhaseflowCommand")
        .should()
        .callMethod(ErrorKind.class, "exitCode")
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
  void pureRulesTakeTimeAndChanceAsArguments() { // so backoff and timeouts are table-tested
    noClasses()
        .that()
        .resideInAnyPackage("io.phaseflow.engine.definition..", "io.phaseflow.engine.plan..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.time.Clock")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Random")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .check(classes);
  }

  @Test
  void onlyTheEngineCoreActsOnDeadlines() { // the watchdog's steps stay behind the store's port
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.phaseflow.engine.core..",
            "io.phaseflow.engine.state..",
            "io.phaseflow.engine.redis..")
        .should()
        .callMethod(io.phaseflow.engine.state.StateStore.class, "attempts")
        .check(classes);
  }

  @Test
  void enginePackagesHaveNoCycles() {
    slices().matching("io.phaseflow.engine.(*)..").should().beFreeOfCycles().check(classes);
  }

  /**
   * A person's pause, resume, cancel and redrive go through {@code WorkflowControl} (which reads
   * what the step needs and publishes what it lets go): no adapter takes the store's control steps
   * itself.
   */
  @Test
  void controlStepsAreTakenOnlyByWorkflowControl() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.phaseflow.engine.core.WorkflowControl")
        .and()
        .resideOutsideOfPackages("io.phaseflow.engine.state..", "io.phaseflow.engine.redis..")
        .should()
        .callMethodWhere(
            JavaCall.Predicates.target(HasName.Predicates.nameMatching("control|redrive"))
                .and(
                    JavaCall.Predicates.target(
                        HasOwner.Predicates.With.owner(
                            JavaClass.Predicates.assignableTo(WorkflowSteps.class)))))
        .check(classes);
  }
}
