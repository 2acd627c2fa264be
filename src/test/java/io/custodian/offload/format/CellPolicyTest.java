package io.custodian.offload.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CellPolicyTest {

  @ParameterizedTest
  @EnumSource(
      value = CellPolicy.class,
      names = {"TEXT", "IDENTIFIER"})
  void guardsEveryOwaspFormulaStartAndTheGuardItself(CellPolicy policy) {
    for (String value : new String[] {"=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'x"}) {
      assertThat(policy.apply(value)).as(value).isEqualTo("'" + value);
    }
    assertThat(policy.apply("=HYPERLINK(\"http://x\",\"y\")"))
        .isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
  }

  @ParameterizedTest
  @EnumSource(
      value = CellPolicy.class,
      names = {"TEXT", "IDENTIFIER", "PHONE"})
  void leavesEverythingElseAsItIs(CellPolicy policy) {
    for (String value : new String[] {"", "a=b", " =1", "\n=1", "x\0", "😀", "שלום", "1-2"}) {
      assertThat(policy.apply(value)).as(value).isEqualTo(value);
    }
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "+442071234567, +442071234567",
        "+12, +12",
        "+123456789012345, +123456789012345",
        "+1234567890123456, '+1234567890123456",
        "+0123, '+0123",
        "+1, '+1",
        "+44 20 7123 4567, '+44 20 7123 4567",
        "+44|+33, '+44|+33",
        "+1+cmd, '+1+cmd",
        "=1, '=1",
        "447700900123, 447700900123",
      })
  void keepsOneE164NumberReadableAndTreatsAnythingElseAsText(String value, String cell) {
    assertThat(CellPolicy.PHONE.apply(value)).isEqualTo(cell);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "42", "-33.8688", "12.5"})
  void acceptsNumbersAsTheyAre(String value) {
    assertThat(CellPolicy.NUMBER.apply(value)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"=1", "+1", "1e5", "01", "1.", "NaN", " 1"})
  void refusesANumberCellThatIsNotOne(String value) {
    assertThatThrownBy(() -> CellPolicy.NUMBER.apply(value))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2026-11-21T23:30:00Z", "2026-11-21T23:30:00.5Z", "2026-11-21T23:30:00.123456Z"})
  void acceptsRfc3339UtcTimestamps(String value) {
    assertThat(CellPolicy.TIMESTAMP.apply(value)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+10000-01-01T00:00:00Z",
        "2026-11-21T23:30:00+01:00",
        "2026-11-21 23:30:00Z",
        "=1"
      })
  void refusesATimestampCellThatIsNotOne(String value) {
    assertThatThrownBy(() -> CellPolicy.TIMESTAMP.apply(value))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
