package io.custodian.offload.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/** Checks a parsed row against the values it was written from and the formula policy. */
final class CsvAssertions {

  private static final String FORMULA_STARTS = "=+-@\t\r";
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  private CsvAssertions() {}

  /**
   * Every cell of {@code record} is safe for its policy, and each column named in {@code expected}
   * holds exactly that value, behind one {@code '} where the policy calls for it.
   */
  static <T> void assertRow(
      CSVRecord record, List<Column<T>> columns, Map<String, String> expected) {
    assertThat(record.size())
        .as("cells in row %d", record.getRecordNumber())
        .isEqualTo(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Column<T> column = columns.get(i);
      String cell = record.get(i);
      assertSafe(column, cell);
      String value = expected.get(column.name());
      if (value != null) {
        assertThat(cell).as(column.name()).isEqualTo(expectedCell(column.policy(), value));
        assertThat(Fixtures.unguarded(cell)).as(column.name()).isEqualTo(value);
      }
    }
  }

  private static String expectedCell(CellPolicy policy, String value) {
    boolean guard =
        !value.isEmpty()
            && (FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 || value.charAt(0) == '\'')
            && !(policy == CellPolicy.PHONE && E164.matcher(value).matches());
    return guard ? "'" + value : value;
  }

  private static void assertSafe(Column<?> column, String cell) {
    if (cell.isEmpty()) {
      return;
    }
    boolean formulaStart = FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0;
    switch (column.policy()) {
      case TEXT, IDENTIFIER -> assertThat(formulaStart).as(column.name() + ": " + cell).isFalse();
      case PHONE ->
          assertThat(!formulaStart || E164.matcher(cell).matches())
              .as(column.name() + ": " + cell)
              .isTrue();
      case NUMBER -> assertThat(cell).as(column.name()).matches("-?[0-9]+(\\.[0-9]+)?");
      case TIMESTAMP ->
          assertThat(cell).as(column.name()).matches("[0-9-]{10}T[0-9:]{8}(\\.[0-9]+)?Z");
    }
  }
}
