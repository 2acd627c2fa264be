package io.custodian.offload.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A CSV of typed rows: the header from the columns' names, each cell through its policy, rows in
 * strictly increasing intake sequence (the order the cut manifest and the documentation promise).
 */
final class CsvTable<T> implements Closeable {

  private final List<Column<T>> columns;
  private final ToLongFunction<T> intakeSequence;
  private final CsvWriter csv;
  private long lastSequence = Long.MIN_VALUE;

  CsvTable(OutputStream out, List<Column<T>> columns, ToLongFunction<T> intakeSequence)
      throws IOException {
    this.columns = columns;
    this.intakeSequence = intakeSequence;
    this.csv = new CsvWriter(out, header(columns));
  }

  static <T> List<String> header(List<Column<T>> columns) {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * @throws IllegalArgumentException if the row is not after the previous one in intake sequence
   */
  void write(T row) throws IOException {
    long sequence = intakeSequence.applyAsLong(row);
    if (sequence <= lastSequence) {
      throw new IllegalArgumentException(
          "intake sequence " + sequence + " written after " + lastSequence);
    }
    List<String> cells = new ArrayList<>(columns.size());
    for (Column<T> column : columns) {
      cells.add(column.cell(row));
    }
    csv.writeRow(cells);
    lastSequence = sequence;
  }

  long rows() {
    return csv.rows();
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
