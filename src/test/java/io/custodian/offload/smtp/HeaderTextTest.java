package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Header values: plain text folded at spaces, anything else as encoded words of whole characters.
 */
class HeaderTextTest {

  @Test
  void plainTextStaysAsItIs() {
    assertThat(HeaderText.unstructured("X-Custodian-Org", "acme", HeaderMode.RFC2047))
        .isEqualTo("acme");
    assertThat(HeaderText.unstructured("Subject", "SMS inbound from +1 to +2", HeaderMode.RFC2047))
        .isEqualTo("SMS inbound from +1 to +2");
    assertThat(HeaderText.unstructured("X-A", "", HeaderMode.RFC2047)).isEmpty();
  }

  @Test
  void longPlainTextIsFoldedBeforeASpaceSoUnfoldingRestoresIt() {
    String value = "word ".repeat(40).strip();
    String folded = HeaderText.unstructured("Subject", value, HeaderMode.RFC2047);
    assertThat(folded).contains("\r\n ");
    for (String line : ("Subject: " + folded).split("\r\n")) {
      assertThat(line.length()).isLessThanOrEqualTo(HeaderText.LINE);
    }
    assertThat(Parsed.decode(folded)).isEqualTo(value);
  }

  @Test
  void anythingElseIsEncodedWholeAndComesBack() {
    for (String value :
        List.of(
            "a\r\nBcc: x@y",
            "\0",
            " lead",
            "trail ",
            "two  spaces",
            "tab\t",
            "=?UTF-8?B?eA==?=",
            "é",
            "x".repeat(HeaderText.LONGEST_WORD + 1))) {
      String header = HeaderText.unstructured("X-Custodian-Source-Id", value, HeaderMode.RFC2047);
      assertThat(header).startsWith("=?UTF-8?B?").doesNotContain("\r\n\r\n");
      assertThat(header.replace("\r\n ", "")).doesNotContain("\r").doesNotContain("\n");
      assertThat(Parsed.decode(header)).isEqualTo(value);
    }
  }

  @Test
  void encodedWordsNeverSplitACharacterAndKeepToTheLineLength() {
    for (int offset = 0; offset < 64; offset++) {
      String value = "x".repeat(offset) + "😀é".repeat(40) + "\r\n";
      String header =
          HeaderText.unstructured("X-Custodian-Attachment-Name", value, HeaderMode.RFC2047);
      String[] lines = ("X-Custodian-Attachment-Name: " + header).split("\r\n");
      for (String line : lines) {
        assertThat(line.length()).isLessThanOrEqualTo(HeaderText.LINE);
      }
      for (String word : header.split("\r\n ")) {
        assertThat(word.length()).isLessThanOrEqualTo(75);
        assertThat(Parsed.decode(word)).doesNotContain("\uFFFD");
      }
      assertThat(Parsed.decode(header)).isEqualTo(value);
    }
  }

  @Test
  void smtpUtf8ModeKeepsPrintableTextRawButNotControls() {
    assertThat(HeaderText.unstructured("X-A", "Zoë 😀 שלום", HeaderMode.SMTPUTF8))
        .isEqualTo("Zoë 😀 שלום");
    assertThat(HeaderText.unstructured("X-A", "Zoë 😀", HeaderMode.RFC2047))
        .startsWith("=?UTF-8?B?");
    for (String value : List.of("a\u0085b", "a\u2028b", "a\nb", "\uD83D", "a\u00a0\u0000")) {
      assertThat(HeaderText.unstructured("X-A", value, HeaderMode.SMTPUTF8))
          .startsWith("=?UTF-8?B?");
    }
  }

  @Test
  void phrasesAreEncodedTheSameWay() {
    assertThat(HeaderText.phrase("+15551234567", HeaderMode.RFC2047)).isEqualTo("+15551234567");
    assertThat(Parsed.decode(HeaderText.phrase("a\r\nb", HeaderMode.RFC2047))).isEqualTo("a\r\nb");
  }
}
