package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped JSON Schema and the loader agree: the schema sees structure, the loader sees
 * structure and graph rules. A fixture in the wrong directory, or a schema that drifts from the
 * loader, fails here.
 */
class SchemaAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    Path file = Fixtures.repoRoot().resolve("definitions/schema/phaseflow.schema.json");
    assertThat(file).as("the shipped schema").isRegularFile();
    schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(JSON.readTree(file.toFile()));
  }

  static Stream<Path> valid() {
    return Fixtures.all("valid").stream();
  }

  static Stream<Path> invalidStructure() {
    return Fixtures.all("invalid-structure").stream();
  }

  static Stream<Path> invalidSemantic() {
    return Fixtures.all("invalid-semantic").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validFixturesPassSchemaAndLoader(Path file) throws IOException {
    assertThat(schemaErrors(file)).isEmpty();
    new DefinitionLoader().load(file);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidStructure")
  void structuralErrorsAreSeenByBoth(Path file) throws IOException {
    assertThat(schemaErrors(file)).as("schema errors").isNotEmpty();
    assertThatThrownBy(() -> new DefinitionLoader().load(file))
        .isInstanceOf(DefinitionException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSemantic")
  void semanticErrorsAreSeenOnlyByTheLoader(Path file) throws IOException {
    assertThat(schemaErrors(file)).as("schema errors").isEmpty();
    assertThatThrownBy(() -> new DefinitionLoader().load(file))
        .isInstanceOf(DefinitionException.class);
  }

  @Test
  void everyCategoryHasFixtures() {
    assertThat(Fixtures.all("valid")).hasSizeGreaterThanOrEqualTo(5);
    assertThat(Fixtures.all("invalid-structure")).hasSizeGreaterThanOrEqualTo(10);
    assertThat(Fixtures.all("invalid-semantic")).hasSizeGreaterThanOrEqualTo(10);
  }

  /** The sample definitions the project ships, if any yet: each must be valid both ways. */
  @Test
  void shippedDefinitionsPassSchemaAndLoader() throws IOException {
    List<Path> shipped = Fixtures.jsonFiles(Fixtures.repoRoot().resolve("definitions"));
    for (Path file : shipped) {
      assertThat(schemaErrors(file)).as("schema errors in %s", file).isEmpty();
      new DefinitionLoader().load(file);
    }
  }

  private static Set<ValidationMessage> schemaErrors(Path file) throws IOException {
    JsonNode document = JSON.readTree(file.toFile());
    return schema.validate(document);
  }
}
