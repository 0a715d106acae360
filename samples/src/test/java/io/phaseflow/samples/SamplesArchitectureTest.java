package io.phaseflow.samples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The samples are handler code like any user's, as a test (see README "Layout"). */
class SamplesArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.phaseflow.samples");

  @Test
  void theSamplesUseTheHandlerApiOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.phaseflow.samples..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.phaseflow.handlers.protocol..", "io.phaseflow.engine..")
        .check(classes);
  }
}
