package io.custodian.offload.format;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One CSV column: its stable header name, its {@link CellPolicy} and how its value is taken from a
 * row, kept on one line so the column table reads as the documentation.
 *
 * @param value the raw cell value; {@code null} writes an empty cell
 */
record Column<T>(String name, CellPolicy policy, Function<T, @Nullable String> value) {

  /** The cell to write for {@code row}, with the column's policy applied. */
  String cell(T row) {
    String raw = value.apply(row);
    return raw == null ? "" : policy.apply(raw);
  }
}
