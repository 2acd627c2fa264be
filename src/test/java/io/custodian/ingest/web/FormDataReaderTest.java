package io.custodian.ingest.web;

import static io.custodian.ingest.web.Forms.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.ingest.UploadPart;
import io.custodian.ingest.web.Forms.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The multipart reader: framing, strictness and caps, and reads cut anywhere. */
class FormDataReaderTest {

  private static final String BOUNDARY = "------------------------7322ff3be215d8c1";
  private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

  @Test
  void readsPartsInOrder() throws IOException {
    List<Part> parts = List.of(Part.of("metadata", "{\"a\":1}"), Part.of("audio", "RIFF...."));
    assertThat(Forms.read(TYPE, Forms.body(BOUNDARY, parts))).isEqualTo(parts);
  }

  @Test
  void readsCurlsOwnOutput() throws IOException {
    // What curl 7.88.1 sent for: curl -F 'metadata=@meta.json;type=application/json'
    //   -F 'audio=@audio.bin;type=audio/wav' (base64, so that the fixture is text)
    byte[] body;
    try (InputStream in = getClass().getResourceAsStream("curl-form.b64")) {
      body = Base64.getMimeDecoder().decode(in.readAllBytes());
    }
    byte[] audio = new byte[4000];
    for (int i = 0; i < audio.length; i++) {
      audio[i] = (byte) ((i * 31 + 7) % 256);
    }
    List<Part> parts =
        Forms.read("multipart/form-data; boundary=------------------------7322ff3be215d8c1", body);
    assertThat(parts)
        .containsExactly(
            Part.of("metadata", "{\"sourceId\":\"curl-1\"}\n"), new Part("audio", audio));
  }

  @Test
  void everyChunkingAndWindowGivesTheSameParts() throws IOException {
    Random random = new Random(7);
    byte[] audio = new byte[300_000];
    random.nextBytes(audio);
    List<Part> parts = List.of(Part.of("metadata", "{}"), new Part("audio", audio));
    byte[] body = Forms.body(BOUNDARY, parts);
    for (int seed = 0; seed < 40; seed++) {
      Random chunks = new Random(seed);
      int window = seed % 2 == 0 ? DelimitedBuffer.SIZE : 88 + chunks.nextInt(400);
      assertThat(Forms.read(TYPE, new ByteArrayInputStream(body), window, chunks))
          .as("seed %d, window %d", seed, window)
          .isEqualTo(parts);
    }
  }

  static Stream<String> lookalikes() {
    return Stream.of(
        "\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1),
        "\r\n--",
        "\r\n-",
        "\r\n",
        "\r",
        "\n--" + BOUNDARY,
        "\r\r\n--" + BOUNDARY.substring(0, 20),
        "--" + BOUNDARY,
        "\r\n---" + BOUNDARY,
        "\r\n\r\n--" + BOUNDARY.substring(1));
  }

  @ParameterizedTest
  @MethodSource("lookalikes")
  void delimiterLookalikesAreContentWhereverTheWindowCutsThem(String lookalike) throws IOException {
    int window = 2 * (BOUNDARY.length() + 4) + 10;
    for (int before = 0; before < window + 5; before++) {
      byte[] content = contentWith(lookalike, before, 7);
      byte[] ending = contentWith(lookalike, before, 0);
      List<Part> parts = List.of(new Part("a", content), new Part("b", ending));
      byte[] body = Forms.body(BOUNDARY, parts);
      assertThat(Forms.read(TYPE, new ByteArrayInputStream(body), window, null))
          .as("%d bytes before", before)
          .isEqualTo(parts);
      assertThat(Forms.read(TYPE, new ByteArrayInputStream(body), window, new Random(before)))
          .as("%d bytes before, chunked", before)
          .isEqualTo(parts);
    }
  }

  private static byte[] contentWith(String lookalike, int before, int after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("x".repeat(before).getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(ascii(lookalike));
    out.writeBytes("y".repeat(after).getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  @Test
  void theBoundaryFollowedByOtherBytesIsStillADelimiterAndMalformed() {
    // RFC 2046 §5.1.1: it suffices that the boundary appear in its entirety after the CRLF.
    byte[] body = Forms.body(BOUNDARY, List.of(Part.of("a", "one\r\n--" + BOUNDARY + "X two")));
    assertThatThrownBy(() -> Forms.read(TYPE, body))
        .isInstanceOf(MalformedMultipartException.class)
        .hasMessageContaining("boundary occurs in a part's content");
  }

  @Test
  void thePreambleIsSkippedAndTheEpilogueIgnored() throws IOException {
    byte[] body =
        ascii(
            "This is a preamble.\r\n--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
                + "--b--\r\nThis is the epilogue, \r\n--b\r\n not read.");
    assertThat(Forms.read("multipart/form-data; boundary=b", body))
        .containsExactly(Part.of("a", "1"));
  }

  @Test
  void paddingAfterADelimiterIsAllowed() throws IOException {
    byte[] body = ascii("--b \t \r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b-- \r\n");
    assertThat(Forms.read("multipart/form-data; boundary=b", body))
        .containsExactly(Part.of("a", "1"));
  }

  @Test
  void aBodyWithOnlyTheCloseDelimiterHasNoParts() throws IOException {
    assertThat(Forms.read("multipart/form-data; boundary=b", ascii("--b--"))).isEmpty();
  }

  @Test
  void emptyPartsAndEmptyNamesAreRead() throws IOException {
    List<Part> parts = List.of(Part.of("", ""), Part.of("b", ""));
    assertThat(Forms.read(TYPE, Forms.body(BOUNDARY, parts))).isEqualTo(parts);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "multipart/form-data; boundary=b",
        "Multipart/Form-Data;BOUNDARY=b",
        "multipart/form-data; charset=utf-8; boundary=\"b\"",
        "multipart/form-data ; boundary=\"\\b\" ;",
      })
  void theBoundaryIsReadQuotedOrNot(String type) throws IOException {
    byte[] body = ascii("--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--\r\n");
    assertThat(Forms.read(type, body)).containsExactly(Part.of("a", "1"));
  }

  @Test
  void aQuotedBoundaryMayHoldSpacesAndSpecials() throws IOException {
    String boundary = "a b:c/d=e?f(g)h,i+j_k.l'm";
    byte[] body = Forms.body(boundary, List.of(Part.of("a", "1")));
    assertThat(Forms.read("multipart/form-data; boundary=\"" + boundary + "\"", body))
        .containsExactly(Part.of("a", "1"));
  }

  @Test
  void aBoundaryOf70CharactersIsAccepted() throws IOException {
    String boundary = "b".repeat(70);
    byte[] body = Forms.body(boundary, List.of(Part.of("a", "1")));
    assertThat(Forms.read("multipart/form-data; boundary=" + boundary, body))
        .containsExactly(Part.of("a", "1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"\"",
        "multipart/form-data; boundary=\"b \"",
        "multipart/form-data; boundary=\"b;\"",
        "multipart/form-data; boundary=\"unterminated",
        "multipart/form-data; boundary=b; boundary=c",
        "multipart/form-data; boundary=a:b",
        "multipart/form-data; boundary",
        "multipart/form-data boundary=b",
        "multipart/mixed; boundary=b",
        "multipart/form-data; boundary=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      })
  void aBadBoundaryParameterIsMalformed(String type) {
    byte[] body = ascii("--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--\r\n");
    assertThatThrownBy(() -> Forms.read(type, body))
        .isInstanceOf(MalformedMultipartException.class);
  }

  @Test
  void onlyMultipartFormDataIsFormData() {
    assertThat(FormDataReader.isFormData("multipart/form-data; boundary=b")).isTrue();
    assertThat(FormDataReader.isFormData(" MULTIPART/FORM-DATA ")).isTrue();
    assertThat(FormDataReader.isFormData("multipart/mixed; boundary=b")).isFalse();
    assertThat(FormDataReader.isFormData("multipart/form-datax")).isFalse();
    assertThat(FormDataReader.isFormData("application/json")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "form-data; name=\"a\\\"b\\\\c\"|a\"b\\c",
        "form-data; name=\"a;b\"|a;b",
        "form-data; filename=\"x.wav\"; NAME=\"audio\"|audio",
        "FORM-DATA;name=audio|audio",
        "form-data; name=\"métadonnées\"|métadonnées",
        "form-data; name=\"\"|",
        "form-data; name=a; filename*=UTF-8''%e2%82%ac.wav|a",
      })
  void theFieldNameIsReadFromContentDisposition(String headerAndName) throws IOException {
    String[] split = headerAndName.split("\\|", -1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("--b\r\n"));
    body.writeBytes(("Content-Disposition: " + split[0]).getBytes(StandardCharsets.UTF_8));
    body.writeBytes(ascii("\r\ncontent-type: text/plain\r\n\r\n1\r\n--b--\r\n"));
    assertThat(Forms.read("multipart/form-data; boundary=b", body.toByteArray()))
        .containsExactly(Part.of(split[1], "1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Type: text/plain\r\n",
        "Content-Disposition: attachment; name=a\r\n",
        "Content-Disposition: form-data; filename=a\r\n",
        "Content-Disposition: form-data; name=a\r\nContent-Disposition: form-data; name=b\r\n",
        "Content-Disposition: form-data; name=a; name=b\r\n",
        "Content-Disposition: form-data; name=\"a\r\n",
        "Content-Disposition: form-data;\r\n name=a\r\n",
        "Content-Disposition : form-data; name=a\r\n",
        "Content-Disposition form-data; name=a\r\n",
        "Content-Disposition: form-data; name=a\rX\r\n",
        "Content-Disposition: form-data; name=a\u0000\r\n",
        "Content-Disposition: form-data; name=a\n",
      })
  void aBadPartHeaderIsMalformed(String headers) {
    byte[] body = ascii("--b\r\n" + headers + "\r\n1\r\n--b--\r\n");
    assertThatThrownBy(() -> Forms.read("multipart/form-data; boundary=b", body))
        .isInstanceOf(MalformedMultipartException.class);
  }

  @Test
  void lfOnlyLineEndingsAreRejected() {
    // Decided: lines end with CRLF as RFC 2046 requires; LF alone is not tolerated anywhere.
    byte[] lfOnly = ascii("--b\nContent-Disposition: form-data; name=a\n\n1\n--b--\n");
    assertThatThrownBy(() -> Forms.read("multipart/form-data; boundary=b", lfOnly))
        .isInstanceOf(MalformedMultipartException.class);
    byte[] lfInHeaders = ascii("--b\r\nContent-Disposition: form-data; name=a\n\n1\r\n--b--\r\n");
    assertThatThrownBy(() -> Forms.read("multipart/form-data; boundary=b", lfInHeaders))
        .isInstanceOf(MalformedMultipartException.class)
        .hasMessageContaining("LF alone");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "no delimiter at all",
        "--b",
        "--b\r\n",
        "--b\r\nContent-Disposition: form-data; name=a\r\n",
        "--b\r\nContent-Disposition: form-data; name=a\r\n\r\ncut in the content",
        "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--",
        "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b",
        "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b-",
        "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b\r\n",
        "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b-x",
        "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b x\r\n",
      })
  void aTruncatedBodyIsMalformed(String body) {
    assertThatThrownBy(() -> Forms.read("multipart/form-data; boundary=b", ascii(body)))
        .isInstanceOf(MalformedMultipartException.class);
  }

  @Test
  void partHeadersAreCapped() throws IOException {
    String fits = headersOf(FormDataReader.MAX_HEADER_BYTES);
    assertThat(Forms.read("multipart/form-data; boundary=b", ascii(fits + "1\r\n--b--")))
        .containsExactly(Part.of("a", "1"));
    String over = headersOf(FormDataReader.MAX_HEADER_BYTES + 1);
    assertThatThrownBy(() -> Forms.read("multipart/form-data; boundary=b", ascii(over + "1")))
        .isInstanceOf(MultipartTooLargeException.class);
    String endless = "--b\r\nX-Filler: " + "x".repeat(100_000);
    assertThatThrownBy(() -> Forms.read("multipart/form-data; boundary=b", ascii(endless)))
        .isInstanceOf(MultipartTooLargeException.class);
  }

  /** A delimiter line and headers of exactly {@code size} bytes after the delimiter itself. */
  private static String headersOf(int size) {
    String head = "\r\nContent-Disposition: form-data; name=a\r\nX-Filler: ";
    String filler = "x".repeat(size - head.length() - 4);
    return "--b" + head + filler + "\r\n\r\n";
  }

  @Test
  void partsAreCapped() throws IOException {
    List<Part> four =
        List.of(Part.of("a", ""), Part.of("b", ""), Part.of("c", ""), Part.of("d", ""));
    assertThat(Forms.read(TYPE, Forms.body(BOUNDARY, four))).isEqualTo(four);
    List<Part> five =
        List.of(
            Part.of("a", ""),
            Part.of("b", ""),
            Part.of("c", ""),
            Part.of("d", ""),
            Part.of("e", ""));
    assertThatThrownBy(() -> Forms.read(TYPE, Forms.body(BOUNDARY, five)))
        .isInstanceOf(MultipartTooLargeException.class)
        .hasMessageContaining("more than 4 parts");
  }

  @Test
  void theBodyIsCappedInBytes() throws IOException {
    byte[] body = Forms.body(BOUNDARY, List.of(new Part("audio", new byte[200_000])));
    assertThat(Forms.read(TYPE, body, body.length)).hasSize(1);
    assertThatThrownBy(() -> Forms.read(TYPE, body, body.length - 1))
        .isInstanceOf(MultipartTooLargeException.class);
  }

  @Test
  void anUnreadPartIsSkippedAndItsStreamThenEnds() throws IOException {
    byte[] big = new byte[200_000];
    new Random(3).nextBytes(big);
    byte[] body = Forms.body(BOUNDARY, List.of(new Part("a", big), Part.of("b", "second")));
    FormDataReader reader =
        FormDataReader.open(TYPE, new ByteArrayInputStream(body), Long.MAX_VALUE);
    UploadPart first = reader.next();
    assertThat(first.body().readNBytes(10)).isEqualTo(Arrays.copyOf(big, 10));
    UploadPart second = reader.next();
    assertThat(first.body().read()).isEqualTo(-1);
    assertThat(second.name()).isEqualTo("b");
    assertThat(second.body().readAllBytes()).isEqualTo(ascii("second"));
    assertThat(second.body().read()).isEqualTo(-1);
    assertThat(reader.next()).isNull();
    assertThat(reader.next()).isNull();
  }
}
