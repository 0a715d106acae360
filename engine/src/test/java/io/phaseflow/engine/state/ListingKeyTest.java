package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListingKeyTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "0, a, 000000000000000:a",
    "1234, order-1, 000000000001234:order-1",
    "1764201600000, w, 001764201600000:w",
    "999999999999999, x, 999999999999999:x"
  })
  void aKeyIsTheZeroPaddedCreationTimeThenTheIdAsTheLuaFormatWritesIt(
      long created, String id, String key) {
    assertThat(ListingKey.of(created, id)).isEqualTo(key);
    assertThat(ListingKey.of(created, id)).isEqualTo(String.format(ListingKey.FORMAT, created, id));
    assertThat(ListingKey.createdAt(key)).isEqualTo(created);
    assertThat(ListingKey.id(key)).isEqualTo(id);
  }

  @ParameterizedTest(name = "before {0}")
  @CsvSource({"-5, 000000000000000:", "0, 000000000000000:", "42, 000000000000042:"})
  void beforeIsTheTimeAlone(long millis, String key) {
    assertThat(ListingKey.before(millis)).isEqualTo(key);
  }
}
