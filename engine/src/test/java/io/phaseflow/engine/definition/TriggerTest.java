package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A definition's {@code trigger}: read with located errors, and a posted body mapped by it. */
class TriggerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRIGGER_EMPTY = ",\"trigger\":{\"input\":{}}";
  private final DefinitionLoader loader = new DefinitionLoader();

  private static String withTrigger(String trigger) {
    return "{\"workflow\":\"w\",\"trigger\":"
        + trigger
        + ",\"phases\":{\"a\":{\"is_initial\":true,\"is_final\":true}}}";
  }

  private Trigger trigger(String trigger) {
    return loader.parse(withTrigger(trigger), "t.json").trigger();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void eachInputKeyIsTakenByItsPointerAndTheKeyToo() throws Exception {
    Trigger t =
        trigger("{\"input\":{\"repo\":\"/repository/full_name\",\"all\":\"\"},\"key\":\"/after\"}");
    JsonNode body = json("{\"repository\":{\"full_name\":\"o/r\"},\"after\":\"59b2\"}");

    Trigger.Mapped m = t.map(body);

    assertThat(m.input().get("repo").asText()).isEqualTo("o/r");
    assertThat(m.input().get("all")).as("\"\" is the whole body").isEqualTo(body);
    assertThat(m.key()).isEqualTo("59b2");
    assertThat(trigger("{\"input\":{}}").map(body).key()).as("no key: a fresh workflow").isNull();
    assertThat(
            loader.parse(withTrigger("{\"input\":{}}").replace(TRIGGER_EMPTY, ""), "t").trigger())
        .as("no trigger")
        .isNull();
  }

  @Test
  void aBodyLackingWhatTheTriggerMapsIsRefusedNamingEveryPointer() {
    Trigger t = trigger("{\"input\":{\"repo\":\"/repository/full_name\"},\"key\":\"/after\"}");

    assertThatThrownBy(() -> t.map(json("{\"zen\":\"Keep it simple\"}")))
        .hasMessageContaining("'repo' from /repository/full_name")
        .hasMessageContaining("the key from /after");
    assertThatThrownBy(() -> t.map(json("{\"repository\":{\"full_name\":\"o/r\"},\"after\":[1]}")))
        .hasMessageContaining("must be a string or a number");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"input\":{\"repo\":\"repository\"}} | $.trigger.input.repo | must start with '/'",
        "{\"input\":{\"repo\":7}} | $.trigger.input.repo | must be a JSON pointer string",
        "{\"input\":{},\"key\":\"after\"} | $.trigger.key | must start with '/'",
        "{\"inputs\":{}} | $.trigger.inputs | unknown key 'inputs'",
        "{\"input\":[]} | $.trigger.input | must be a JSON object",
      })
  void aBadTriggerIsReportedWhereItIs(String trigger, String path, String says) {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class, () -> loader.parse(withTrigger(trigger), "t.json"));
    assertThat(e).as(trigger).isNotNull();
    assertThat(e.errors())
        .anySatisfy(
            err -> {
              assertThat(err.path()).isEqualTo(path);
              assertThat(err.message() + " " + err.hint()).contains(says);
            });
  }
}
