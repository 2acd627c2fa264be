package io.custodian.offload.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  @Test
  void writesUtf8WithoutBomAndCrlfAfterEveryRow() throws IOException {
    byte[] csv = write(List.of("a", "b"), List.of("1", "é"), List.of("", "x"));

    assertThat(csv).startsWith((byte) 'a');
    assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo("a,b\r\n1,é\r\n,x\r\n");
  }

  @Test
  void quotesOnlyCellsWithACommaAQuoteACrOrAnLf() throws IOException {
    String csv =
        text(
            List.of("h1", "h2", "h3", "h4", "h5", "h6"),
            List.of("a,b", "say \"hi\"", "cr\rx", "lf\nx", "nul\0 ls\u2028 😀", "\tlead"));

    assertThat(csv)
        .isEqualTo(
            "h1,h2,h3,h4,h5,h6\r\n"
                + "\"a,b\",\"say \"\"hi\"\"\",\"cr\rx\",\"lf\nx\",nul\0 ls\u2028 😀,\tlead\r\n");
  }

  @Test
  void refusesARowOfAnotherWidthAndWritesNothingOfIt() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvWriter csv = new CsvWriter(out, List.of("a", "b"))) {
      assertThatThrownBy(() -> csv.writeRow(List.of("1")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> csv.writeRow(List.of("1", "2", "3")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(csv.rows()).isZero();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a,b\r\n");
  }

  @Test
  void refusesALoneSurrogateRatherThanAlteringIt() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvWriter csv = new CsvWriter(out, List.of("a", "b"))) {
      assertThatThrownBy(() -> csv.writeRow(List.of("fine", "half \uD83D of an emoji")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("surrogate");
      assertThatThrownBy(() -> csv.writeRow(List.of("\uDE00", "")))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a,b\r\n");
  }

  @Test
  void streamsRowsOutBeforeItIsClosed() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvWriter csv = new CsvWriter(out, List.of("a"))) {
      for (int i = 0; i < 100; i++) {
        csv.writeRow(List.of("x".repeat(10_000)));
      }
      assertThat(out.size()).as("bytes out before close").isGreaterThan(990_000);
    }
  }

  private static byte[] write(List<String> header, List<?>... rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvWriter csv = new CsvWriter(out, header)) {
      for (List<?> row : rows) {
        csv.writeRow(row.stream().map(String::valueOf).toList());
      }
    }
    return out.toByteArray();
  }

  private static String text(List<String> header, List<String> row) throws IOException {
    return new String(write(header, row), StandardCharsets.UTF_8);
  }
}
