package io.phaseflow.handlers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The handler module's one boundary, as a test (see README "Layout"). */
class HandlerApiArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.phaseflow.handlers");

  /**
   * The handler API names no queue, message or bus, in its public members or anywhere else: the job
   * protocol builds on the API ({@code BusJobSource} is a {@code JobSource}), never the other way
   * round, so a handler author's classpath view is the API alone.
   */
  @Test
  void theHandlerApiDoesNotDependOnTheJobProtocol() {
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.handlers")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.phaseflow.handlers.protocol..")
        .check(classes);
  }
}
