package io.custodian.offload.format;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An RFC 4180 writer that streams one row at a time: UTF-8 without a byte order mark, CRLF after
 * every row, a header row first. A cell is quoted only when it holds a comma, a quote, CR or LF
 * (quotes doubled); every other character, NUL and U+2028 included, is written as it is, so every
 * cell reads back exactly with any RFC 4180 reader.
 */
public final class CsvWriter implements Closeable {

  private final Writer out;
  private final int width;
  private long rows;

  /**
   * Writes the header row. Closing this writer closes {@code out}.
   *
   * @throws IllegalArgumentException if the header is empty
   */
  public CsvWriter(OutputStream out, List<String> header) throws IOException {
    if (header.isEmpty()) {
      throw new IllegalArgumentException("a CSV needs at least one column");
    }
    // Cells are checked before they are written; this refuses rather than replaces if one slips.
    this.out =
        new BufferedWriter(
            new OutputStreamWriter(
                out,
                StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
    this.width = header.size();
    write(header);
  }

  /**
   * Writes one row of exactly as many cells as the header has; a row that is refused writes
   * nothing.
   *
   * @throws IllegalArgumentException if the row has another width, or a cell holds a lone surrogate
   *     (not well-formed UTF-16, so not writable as UTF-8; intake never stores one)
   */
  public void writeRow(List<String> cells) throws IOException {
    if (cells.size() != width) {
      throw new IllegalArgumentException(
          "row of " + cells.size() + " cells in a CSV of " + width + " columns");
    }
    write(cells);
    rows++;
  }

  /** The data rows written so far, the header not counted. */
  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private void write(List<String> cells) throws IOException {
    boolean[] quoted = new boolean[cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      quoted[i] = needsQuotes(cells.get(i));
    }
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      if (quoted[i]) {
        writeQuoted(cells.get(i));
      } else {
        out.write(cells.get(i));
      }
    }
    out.write("\r\n");
  }

  private void writeQuoted(String cell) throws IOException {
    out.write('"');
    int from = 0;
    for (int quote = cell.indexOf('"'); quote >= 0; quote = cell.indexOf('"', from)) {
      out.write(cell, from, quote + 1 - from);
      out.write('"');
      from = quote + 1;
    }
    out.write(cell, from, cell.length() - from);
    out.write('"');
  }

  /** Whether RFC 4180 needs {@code cell} quoted; refuses a cell with a lone surrogate. */
  private static boolean needsQuotes(String cell) {
    boolean quote = false;
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        quote = true;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < cell.length()
          && Character.isLowSurrogate(cell.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("a cell holds a lone surrogate at index " + i);
      }
    }
    return quote;
  }
}
